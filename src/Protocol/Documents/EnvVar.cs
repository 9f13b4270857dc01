namespace EdgeWasm.Protocol.Documents;

/// <summary>One environment variable, already resolved by the bridge.</summary>
public sealed record EnvVar(string Name, string Value);
