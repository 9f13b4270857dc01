using System.Reflection.Emit;
using FrameKind = EdgeWasm.Runtime.Validation.FrameKind;

namespace EdgeWasm.Runtime.Compilation;

/// <summary>
/// One open block, loop, if or the function body while emitting IL. Branch values travel in the stack-slot
/// locals of positions <see cref="Height"/>.. (the IL evaluation stack is empty at every label).
/// </summary>
internal sealed class ControlFrame(FrameKind kind, int height, ValueKind[] parameters, ValueKind[] results, Label label)
{
    public FrameKind Kind { get; set; } = kind;

    /// <summary>Operand stack height below the frame's parameters.</summary>
    public int Height { get; } = height;

    public ValueKind[] Parameters { get; } = parameters;

    public ValueKind[] Results { get; } = results;

    /// <summary>The branch target: the loop header, or the end of a block or if.</summary>
    public Label Label { get; } = label;

    /// <summary>For an if: where the else branch (or the end, without else) starts.</summary>
    public Label ElseLabel { get; init; }

    /// <summary>The rest of the frame's code cannot run (after br, return, unreachable...).</summary>
    public bool Unreachable { get; set; }

    /// <summary>Some branch targets <see cref="Label"/> (the end of a block or if).</summary>
    public bool LabelUsed { get; set; }

    /// <summary>For an if with parameters: copies of them for the else branch, whose slots the then branch may reuse.</summary>
    public LocalBuilder[]? SavedParameters { get; set; }

    /// <summary>The values a branch to this frame carries.</summary>
    public ValueKind[] BranchTypes => Kind == FrameKind.Loop ? Parameters : Results;
}
