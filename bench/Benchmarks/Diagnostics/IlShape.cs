using System.Reflection;
using System.Reflection.Emit;

namespace EdgeWasm.Benchmarks.Diagnostics;

/// <summary>
/// The figures of a method body that decide whether RyuJIT optimizes it: outside prejitting it switches to MinOpts
/// when the IL exceeds 60 000 bytes, 20 000 instructions, 2 000 basic blocks, 2 000 locals or 8 000 local
/// references (DEFAULT_MIN_OPTS_* in the JIT). Blocks and references are counted the way its IL pre-scan does, close
/// enough to tell how far a method is from those limits.
/// </summary>
internal sealed record IlShape(int Bytes, int Instructions, int Blocks, int Locals, int LocalReferences)
{
    private static readonly Dictionary<short, OpCode> s_opcodes = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>Reads the shape of <paramref name="method"/>'s body, or null when it has none.</summary>
    public static IlShape? Of(MethodInfo method)
    {
        var body = method.GetMethodBody();
        var il = body?.GetILAsByteArray();
        if (body is null || il is null) return null;
        var instructions = 0;
        var references = 0;
        var starts = new HashSet<int> { 0 };
        for (var at = 0; at < il.Length;)
        {
            short value = il[at];
            if (value == 0xFE) value = unchecked((short)(0xFE00 | il[at + 1]));
            var op = s_opcodes[value];
            at += op.Size;
            instructions++;
            if (op.Name!.StartsWith("ldloc", StringComparison.Ordinal) || op.Name.StartsWith("stloc", StringComparison.Ordinal)
                || op.Name.StartsWith("ldarg", StringComparison.Ordinal) || op.Name.StartsWith("starg", StringComparison.Ordinal))
            {
                references++;
            }

            switch (op.OperandType)
            {
                case OperandType.ShortInlineBrTarget:
                    starts.Add(at + 1 + (sbyte)il[at]);
                    at += 1;
                    starts.Add(at);
                    break;
                case OperandType.InlineBrTarget:
                    starts.Add(at + 4 + BitConverter.ToInt32(il, at));
                    at += 4;
                    starts.Add(at);
                    break;
                case OperandType.InlineSwitch:
                    var count = BitConverter.ToInt32(il, at);
                    var end = at + 4 + (4 * count);
                    for (var i = 0; i < count; i++) starts.Add(end + BitConverter.ToInt32(il, at + 4 + (4 * i)));
                    at = end;
                    starts.Add(at);
                    break;
                default:
                    at += OperandSize(op.OperandType);
                    if (op.FlowControl is FlowControl.Return or FlowControl.Throw) starts.Add(at);
                    break;
            }
        }

        starts.Remove(il.Length);
        return new IlShape(il.Length, instructions, starts.Count, body.LocalVariables.Count, references);
    }

    private static int OperandSize(OperandType type) => type switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineVar or OperandType.ShortInlineI => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        _ => 4,
    };
}
