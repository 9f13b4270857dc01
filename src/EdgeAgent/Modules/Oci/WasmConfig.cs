namespace EdgeWasm.EdgeAgent.Modules.Oci;

/// <summary>The config blob our pusher writes for a wasm module (the fields of the CNCF Wasm OCI artifact config).</summary>
internal sealed record WasmConfig
{
    /// <summary>When the artifact was created.</summary>
    public required DateTimeOffset Created { get; init; }

    /// <summary>Always <c>wasm</c>.</summary>
    public string Architecture { get; init; } = "wasm";

    /// <summary><c>wasip1</c>: a core module for WASI preview 1.</summary>
    public string Os { get; init; } = "wasip1";

    /// <summary>The layer digests in manifest order; they make the config (and so its digest) unique per module.</summary>
    public required IReadOnlyList<string> LayerDigests { get; init; }
}
