namespace EdgeWasm.Runtime.Decoding;

/// <summary>
/// A defined function's body. <see cref="Locals"/> is the flat list of declared locals (parameters
/// excluded). The instructions are the bytes from <see cref="CodeOffset"/> (absolute offset in the
/// module) for <see cref="CodeLength"/> bytes, ending with the function's final <c>end</c>.
/// </summary>
internal sealed record FunctionBody(ValueKind[] Locals, int CodeOffset, int CodeLength);
