namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>core/v1 ObjectReference.</summary>
internal sealed record ObjectReference : KubeModel
{
    /// <summary>Kind of the referent.</summary>
    public string? Kind { get; init; }

    /// <summary>Namespace of the referent.</summary>
    public string? Namespace { get; init; }

    /// <summary>Name of the referent.</summary>
    public string? Name { get; init; }

    /// <summary>UID of the referent.</summary>
    public string? Uid { get; init; }

    /// <summary>apiVersion of the referent.</summary>
    public string? ApiVersion { get; init; }

    /// <summary>resourceVersion of the referent.</summary>
    public string? ResourceVersion { get; init; }

    /// <summary>A part of the referent, e.g. <c>spec.containers{app}</c>.</summary>
    public string? FieldPath { get; init; }
}
