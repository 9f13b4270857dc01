namespace EdgeWasm.Runtime.Validation;

/// <summary>What opened a control frame.</summary>
internal enum FrameKind : byte
{
    /// <summary>The function body itself; its label is the function's results.</summary>
    Function,
    /// <summary>block: a branch goes to its end.</summary>
    Block,
    /// <summary>loop: a branch goes back to its start, so the label types are the parameters.</summary>
    Loop,
    /// <summary>if, before any else.</summary>
    If,
    /// <summary>The else arm of an if.</summary>
    Else,
}
