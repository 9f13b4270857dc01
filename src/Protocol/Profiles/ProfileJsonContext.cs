using System.Text.Json.Serialization;

namespace EdgeWasm.Protocol.Profiles;

/// <summary>Source-generated JSON for profiles: camelCase, and unknown properties are errors (a typo must not pass).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectRequiredConstructorParameters = true,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip)]
[JsonSerializable(typeof(HardwareProfile))]
public sealed partial class ProfileJsonContext : JsonSerializerContext;
