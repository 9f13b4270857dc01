using System.Text.Json.Nodes;

namespace EdgeWasm.CloudBridge.IotHub;

/// <summary>A device's answer to a direct method.</summary>
/// <param name="Status">The status the device answered with.</param>
/// <param name="Payload">The JSON it answered with, if any.</param>
internal sealed record MethodResult(int Status, JsonNode? Payload);
