namespace EdgeWasm.Protocol.Documents;

/// <summary>Basic credentials for one registry host, from a pull secret.</summary>
public sealed record RegistryCredential(string Registry, string Username, string Password);
