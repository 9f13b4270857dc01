namespace EdgeWasm.CloudBridge.Pods;

/// <summary>Whether the device answers, and when it was last heard from.</summary>
internal sealed record DeviceLiveness(string DeviceId, bool Online, DateTimeOffset? LastSeen);
