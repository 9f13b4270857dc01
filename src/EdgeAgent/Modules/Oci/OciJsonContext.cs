using System.Text.Encodings.Web;
using System.Text.Json;
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
internal sealed partial class OciJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The same contract for documents we write: media types keep their '+' as is (the default encoder writes
    /// \u002B, which is valid JSON but not what other registry tools write or people expect to read).
    /// </summary>
    public static OciJsonContext Writer { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
