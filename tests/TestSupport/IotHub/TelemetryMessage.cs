namespace EdgeWasm.TestSupport.IotHub;

/// <summary>A device-to-cloud message the emulator received.</summary>
/// <param name="DeviceId">The sender.</param>
/// <param name="Properties">The topic's property bag, decoded (system properties keep their <c>$.</c> names).</param>
/// <param name="Payload">The body.</param>
public sealed record TelemetryMessage(string DeviceId, IReadOnlyDictionary<string, string> Properties, byte[] Payload);
