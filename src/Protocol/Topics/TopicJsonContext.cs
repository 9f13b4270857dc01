using System.Text.Json.Serialization;
using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.Protocol.Topics;

/// <summary>Source-generated JSON for the topic contract's payloads, with the documents' conventions.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    UseStringEnumConverter = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(DesiredState))]
[JsonSerializable(typeof(ReportedChange))]
[JsonSerializable(typeof(PresenceMessage))]
[JsonSerializable(typeof(HeartbeatMessage))]
[JsonSerializable(typeof(LogsRequest))]
[JsonSerializable(typeof(LogsResponse))]
[JsonSerializable(typeof(RejectedMessage))]
public sealed partial class TopicJsonContext : JsonSerializerContext;
