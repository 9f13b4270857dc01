using System.Text.Json.Serialization;

namespace EdgeWasm.CloudBridge.StaticPods;

/// <summary>Source-generated JSON of the status file: camelCase, indented, nulls omitted.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, WriteIndented = true)]
[JsonSerializable(typeof(StatusSnapshot))]
internal sealed partial class StaticJsonContext : JsonSerializerContext;
