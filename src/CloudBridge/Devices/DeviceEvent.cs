namespace EdgeWasm.CloudBridge.Devices;

/// <summary>A change in the registry, for the bridge's loops: which device, what, and when the bridge saw it.</summary>
internal sealed record DeviceEvent(string DeviceId, DeviceEventKind Kind, DateTimeOffset At, long? Sequence = null, string? Detail = null);
