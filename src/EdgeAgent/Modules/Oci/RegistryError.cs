namespace EdgeWasm.EdgeAgent.Modules.Oci;

/// <summary>One error of a distribution API error body, e.g. <c>MANIFEST_UNKNOWN</c>.</summary>
internal sealed record RegistryError(string? Code, string? Message);
