namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>core/v1 EnvVar: a literal value or a reference.</summary>
internal sealed record EnvVar : KubeModel
{
    /// <summary>Variable name.</summary>
    public required string Name { get; init; }

    /// <summary>Literal value; <c>$(VAR)</c> references are expanded.</summary>
    public string? Value { get; init; }

    /// <summary>Where the value comes from instead.</summary>
    public EnvVarSource? ValueFrom { get; init; }
}
