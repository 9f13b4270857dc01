namespace EdgeWasm.Runtime.Decoding;

/// <summary>A global defined by the module, with its initializer.</summary>
internal sealed record GlobalDefinition(GlobalType Type, ConstantExpression Init);
