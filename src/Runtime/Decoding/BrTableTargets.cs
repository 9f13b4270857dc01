namespace EdgeWasm.Runtime.Decoding;

/// <summary>
/// The label list of a <c>br_table</c>, read lazily from the code without allocating. The encoding was
/// already checked when <see cref="InstructionReader.Read"/> decoded the instruction, so reading cannot fail.
/// The default label is not part of the list (see <see cref="InstructionReader.BrTableDefault"/>).
/// </summary>
internal ref struct BrTableTargets
{
    private WasmReader _reader;
    private uint _left;

    /// <summary>Reads <paramref name="count"/> LEB128 labels from the start of <paramref name="encoded"/>.</summary>
    public BrTableTargets(ReadOnlySpan<byte> encoded, uint count)
    {
        _reader = new WasmReader(encoded);
        _left = count;
        Count = count;
    }

    /// <summary>How many labels the list has (the default label excluded).</summary>
    public uint Count { get; }

    /// <summary>Labels not read yet.</summary>
    public readonly uint Remaining => _left;

    /// <summary>Reads the next label; false once all <see cref="Count"/> labels have been read.</summary>
    public bool TryReadNext(out uint label)
    {
        if (_left == 0)
        {
            label = 0;
            return false;
        }

        _left--;
        label = _reader.ReadVarU32();
        return true;
    }
}
