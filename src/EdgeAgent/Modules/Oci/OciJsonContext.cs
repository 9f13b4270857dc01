using System.Text.Json.Serialization;

namespace EdgeWasm.EdgeAgent.Modules.Oci;

/// <summary>Source-generated JSON for the distribution API: camelCase, nulls omitted.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(OciManifest))]
[JsonSerializable(typeof(WasmConfig))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(RegistryErrors))]
internal sealed partial class OciJsonContext : JsonSerializerContext;
