namespace EdgeWasm.EdgeAgent.Modules.Oci;

/// <summary>The media types this client reads and writes.</summary>
internal static class MediaTypes
{
    /// <summary>An OCI image manifest.</summary>
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";

    /// <summary>An OCI image index (several manifests, one per platform).</summary>
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";

    /// <summary>A Docker image manifest, schema 2.</summary>
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";

    /// <summary>A Docker manifest list (the Docker form of an index).</summary>
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";

    /// <summary>The config of a wasm artifact, as written by our pusher.</summary>
    public const string WasmConfig = "application/vnd.wasm.config.v1+json";

    /// <summary>A wasm module layer (the wasm-to-oci convention), as written by our pusher.</summary>
    public const string WasmContentLayer = "application/vnd.wasm.content.layer.v1+wasm";

    /// <summary>A wasm module layer (the CNCF Wasm OCI artifact convention).</summary>
    public const string Wasm = "application/wasm";

    /// <summary>An uncompressed OCI filesystem layer.</summary>
    public const string OciLayerTar = "application/vnd.oci.image.layer.v1.tar";

    /// <summary>A gzip-compressed OCI filesystem layer.</summary>
    public const string OciLayerTarGzip = "application/vnd.oci.image.layer.v1.tar+gzip";

    /// <summary>A gzip-compressed Docker filesystem layer.</summary>
    public const string DockerLayerTarGzip = "application/vnd.docker.image.rootfs.diff.tar.gzip";

    /// <summary>Every manifest type we accept, for the Accept header.</summary>
    public static IReadOnlyList<string> Manifests { get; } = [OciManifest, DockerManifest, OciIndex, DockerManifestList];

    /// <summary>Whether <paramref name="mediaType"/> lists manifests rather than layers.</summary>
    public static bool IsIndex(string? mediaType) => mediaType is OciIndex or DockerManifestList;

    /// <summary>Whether a layer of this type holds the module bytes directly.</summary>
    public static bool IsWasmLayer(string? mediaType) => mediaType is WasmContentLayer or Wasm;
}
