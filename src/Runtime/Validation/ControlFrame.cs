namespace EdgeWasm.Runtime.Validation;

/// <summary>
/// A block being validated: its type, the operand stack height at its start, and whether the rest of it is
/// unreachable (after br, br_table, return or unreachable), where the stack becomes polymorphic.
/// </summary>
internal struct ControlFrame
{
    public FrameKind Kind;
    public ValueKind[] Parameters;
    public ValueKind[] Results;
    public int Height;
    public bool Unreachable;

    /// <summary>The types a branch to this frame carries.</summary>
    public readonly ValueKind[] LabelTypes => Kind == FrameKind.Loop ? Parameters : Results;
}
