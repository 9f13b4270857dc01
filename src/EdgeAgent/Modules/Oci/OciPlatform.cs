using System.Text.Json.Serialization;

namespace EdgeWasm.EdgeAgent.Modules.Oci;

/// <summary>The platform of an index entry.</summary>
internal sealed record OciPlatform
{
    /// <summary>CPU architecture (GOARCH names; <c>wasm</c> for wasm artifacts).</summary>
    public required string Architecture { get; init; }

    /// <summary>Operating system (GOOS names; <c>wasip1</c> or <c>wasip2</c> for wasm artifacts).</summary>
    public required string Os { get; init; }

    /// <summary>CPU variant, e.g. v8.</summary>
    public string? Variant { get; init; }

    /// <summary>OS version.</summary>
    [JsonPropertyName("os.version")]
    public string? OsVersion { get; init; }

    /// <summary>Whether this is a WASI preview 1 platform, the only kind our engine runs.</summary>
    public bool IsWasiPreview1 => Os is "wasip1" or "wasi" && Architecture is "wasm" or "wasm32";

    /// <inheritdoc />
    public override string ToString() => Variant is null ? $"{Os}/{Architecture}" : $"{Os}/{Architecture}/{Variant}";
}
