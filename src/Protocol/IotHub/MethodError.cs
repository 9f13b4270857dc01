namespace EdgeWasm.Protocol.IotHub;

/// <summary>The payload of a direct method answer that is not 200: what went wrong, for the caller.</summary>
/// <param name="Error">In words an operator can act on.</param>
public sealed record MethodError(string Error);
