using EdgeWasm.Runtime.Decoding;

namespace EdgeWasm.Runtime.Compilation;

/// <summary>
/// Splits a body into the straight-line segments fuel is charged for. Every instruction costs 1 except the
/// delimiters <c>end</c> and <c>else</c>; a segment's cost is charged when it is entered. A segment starts at
/// the function entry, a loop header, the start of a then or else branch, after the end of a block or if (a
/// join point), after br_if (its fall-through) and after br, br_table, return and unreachable. The pre-scan and
/// the emitter feed the same instructions through <see cref="After"/>, so they agree on the boundaries.
/// </summary>
internal struct FuelSegments
{
    private BlockStack _kinds;

    /// <summary>Whether a new segment begins after <paramref name="op"/>.</summary>
    public bool After(Opcode op)
    {
        switch (op)
        {
            case Opcode.Block:
                _kinds.Push(false);
                return false;
            case Opcode.Loop:
                _kinds.Push(true);
                return true;
            case Opcode.If:
                _kinds.Push(false);
                return true;
            case Opcode.Else:
                return true;
            case Opcode.End:
                // The function's own end pops nothing; a loop's end just continues its last segment.
                return _kinds.Count > 0 && !_kinds.Pop();
            case Opcode.BrIf or Opcode.Br or Opcode.BrTable or Opcode.Return or Opcode.Unreachable:
                return true;
            default:
                return false;
        }
    }

    /// <summary>What an instruction costs.</summary>
    public static int Cost(Opcode op) => op is Opcode.End or Opcode.Else ? 0 : 1;

    /// <summary>A stack of "is a loop" flags for the open blocks.</summary>
    private struct BlockStack
    {
        private List<bool>? _items;

        public readonly int Count => _items?.Count ?? 0;

        public void Push(bool isLoop) => (_items ??= []).Add(isLoop);

        public bool Pop()
        {
            var value = _items![^1];
            _items.RemoveAt(_items.Count - 1);
            return value;
        }
    }
}
