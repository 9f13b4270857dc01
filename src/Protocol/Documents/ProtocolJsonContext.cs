using System.Text.Json.Serialization;

namespace EdgeWasm.Protocol.Documents;

/// <summary>Source-generated JSON for every protocol document: camelCase, nulls omitted.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(DesiredState))]
[JsonSerializable(typeof(ReportedState))]
[JsonSerializable(typeof(WorkloadStatus))]
public sealed partial class ProtocolJsonContext : JsonSerializerContext;
