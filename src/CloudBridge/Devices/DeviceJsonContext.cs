using System.Text.Json.Serialization;
using EdgeWasm.Protocol.Topics;

namespace EdgeWasm.CloudBridge.Devices;

/// <summary>Source-generated JSON for the registry's snapshot and journal.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(List<DeviceRecord>))]
[JsonSerializable(typeof(ReportedChange))]
[JsonSerializable(typeof(ReportLine))]
internal sealed partial class DeviceJsonContext : JsonSerializerContext;
