namespace EdgeWasm.EdgeAgent.Modules.Oci;

/// <summary>The error body of the distribution API: <c>{"errors":[{"code":…,"message":…}]}</c>.</summary>
internal sealed record RegistryErrors
{
    /// <summary>The errors.</summary>
    public IReadOnlyList<RegistryError>? Errors { get; init; }
}
