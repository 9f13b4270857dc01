using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.EdgeAgent.Modules.Oci;

/// <summary>An OCI content descriptor: what a manifest says about a blob or a child manifest.</summary>
internal sealed record OciDescriptor
{
    /// <summary>The content's media type.</summary>
    public required string MediaType { get; init; }

    /// <summary>The content's digest (only sha256 is accepted).</summary>
    public required ContentDigest Digest { get; init; }

    /// <summary>The content's length in bytes.</summary>
    public required long Size { get; init; }

    /// <summary>For index entries: the platform the child manifest is for.</summary>
    public OciPlatform? Platform { get; init; }

    /// <summary>For artifacts: the artifact's type.</summary>
    public string? ArtifactType { get; init; }

    /// <summary>Free-form metadata.</summary>
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }
}
