namespace EdgeWasm.Runtime.Compilation;

/// <summary>The construct a control frame belongs to.</summary>
internal enum FrameKind : byte
{
    Function,
    Block,
    Loop,
    If,
    Else,
}
