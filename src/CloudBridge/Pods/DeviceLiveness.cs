using EdgeWasm.CloudBridge.Devices;

namespace EdgeWasm.CloudBridge.Pods;

/// <summary>Whether the device answers, and when it was last heard from.</summary>
internal sealed record DeviceLiveness(string DeviceId, bool Online, DateTimeOffset? LastSeen)
{
    /// <summary>The liveness of a registry record at <paramref name="now"/>, with the bridge's heartbeat timeout.</summary>
    public static DeviceLiveness From(DeviceRecord record, DateTimeOffset now, TimeSpan heartbeatTimeout)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(record.DeviceId, record.IsAlive(now, heartbeatTimeout), record.LastSeen);
    }
}
