namespace EdgeWasm.EdgeAgent.Modules.Oci;

/// <summary>
/// An image manifest or an image index, read into one shape: a manifest has <see cref="Config"/> and
/// <see cref="Layers"/>, an index has <see cref="Manifests"/>.
/// </summary>
internal sealed record OciManifest
{
    /// <summary>Always 2 for the formats we read.</summary>
    public int SchemaVersion { get; init; }

    /// <summary>The manifest's own media type (optional in OCI; the Content-Type says it then).</summary>
    public string? MediaType { get; init; }

    /// <summary>The artifact type, for artifacts.</summary>
    public string? ArtifactType { get; init; }

    /// <summary>The image config.</summary>
    public OciDescriptor? Config { get; init; }

    /// <summary>The layers, in order.</summary>
    public IReadOnlyList<OciDescriptor>? Layers { get; init; }

    /// <summary>For an index: the manifests it lists.</summary>
    public IReadOnlyList<OciDescriptor>? Manifests { get; init; }

    /// <summary>Free-form metadata.</summary>
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }
}
