namespace EdgeWasm.Runtime.Decoding;

/// <summary>
/// A defined function's body. The locals are kept as declared (<see cref="LocalGroups"/>, runs of one type)
/// because a few bytes can declare tens of thousands of locals; <see cref="Locals"/> expands them on first
/// use. The instructions are the bytes from <see cref="CodeOffset"/> (absolute offset in the module) for
/// <see cref="CodeLength"/> bytes, ending with the function's final <c>end</c>.
/// </summary>
internal sealed class FunctionBody
{
    private readonly LocalGroup[] _groups;
    private ValueKind[]? _locals;

    /// <summary>A body whose locals are declared as <paramref name="localGroups"/> (in order, without gaps).</summary>
    public FunctionBody(LocalGroup[] localGroups, int codeOffset, int codeLength)
    {
        ArgumentNullException.ThrowIfNull(localGroups);
        _groups = localGroups;
        LocalCount = localGroups.Length == 0 ? 0 : localGroups[^1].Start + localGroups[^1].Count;
        CodeOffset = codeOffset;
        CodeLength = codeLength;
    }

    /// <summary>A body with the given flat list of locals.</summary>
    public FunctionBody(ValueKind[] locals, int codeOffset, int codeLength)
        : this(Group(locals), codeOffset, codeLength) => _locals = locals;

    /// <summary>The local declarations as encoded: runs of locals of one type.</summary>
    public IReadOnlyList<LocalGroup> LocalGroups => _groups;

    /// <summary>How many locals are declared (parameters excluded).</summary>
    public int LocalCount { get; }

    /// <summary>The flat list of declared locals (parameters excluded), built on first use.</summary>
    public ValueKind[] Locals => _locals ??= Expand(_groups, LocalCount);

    /// <summary>Absolute offset of the first instruction in the module.</summary>
    public int CodeOffset { get; }

    /// <summary>Length of the instructions in bytes, final <c>end</c> included.</summary>
    public int CodeLength { get; }

    /// <summary>The type of declared local <paramref name="index"/> (0 is the first local after the parameters),
    /// found without expanding the list.</summary>
    public ValueKind GetLocalType(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, LocalCount);
        var groups = _groups;
        int lo = 0, hi = groups.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) >>> 1;
            if (groups[mid].Start <= index) lo = mid;
            else hi = mid - 1;
        }

        return groups[lo].Type;
    }

    private static ValueKind[] Expand(LocalGroup[] groups, int count)
    {
        var locals = new ValueKind[count];
        foreach (var group in groups) locals.AsSpan(group.Start, group.Count).Fill(group.Type);
        return locals;
    }

    private static LocalGroup[] Group(ValueKind[] locals)
    {
        ArgumentNullException.ThrowIfNull(locals);
        var groups = new List<LocalGroup>();
        for (var i = 0; i < locals.Length;)
        {
            var start = i;
            while (i < locals.Length && locals[i] == locals[start]) i++;
            groups.Add(new LocalGroup(start, i - start, locals[start]));
        }

        return [.. groups];
    }
}
