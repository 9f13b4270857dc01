using System.Text.Json.Serialization;
using EdgeWasm.Protocol.Topics;

namespace EdgeWasm.Protocol.IotHub;

/// <summary>Source-generated JSON for what travels through IoT Hub, with the documents' conventions.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    UseStringEnumConverter = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(TwinReport))]
[JsonSerializable(typeof(LogsMethodRequest))]
[JsonSerializable(typeof(WorkloadMethodRequest))]
[JsonSerializable(typeof(PingResponse))]
[JsonSerializable(typeof(MethodError))]
[JsonSerializable(typeof(LogsResponse))]
[JsonSerializable(typeof(ReportedChange))]
[JsonSerializable(typeof(ReportedChange[]))]
[JsonSerializable(typeof(TwinRefusal))]
public sealed partial class IotHubJsonContext : JsonSerializerContext;
