namespace EdgeWasm.CloudBridge.Devices;

/// <summary>What happened to a device in the registry.</summary>
internal enum DeviceEventKind
{
    /// <summary>A reported change was applied (the event carries its sequence).</summary>
    Reported,
    /// <summary>The device announced itself online.</summary>
    Online,
    /// <summary>The device went offline (clean shutdown or last will).</summary>
    Offline,
    /// <summary>The device was heard from again after a silence longer than the heartbeat timeout.</summary>
    Returned,
    /// <summary>The device refused something the bridge sent (a desired document or a logs request).</summary>
    Rejected,
    /// <summary>The bridge refused a payload from the device (malformed, oversized, inconsistent).</summary>
    Refused,
    /// <summary>Sequences were missing and skipped over.</summary>
    Gap,
    /// <summary>The device started a new outbox stream (its data was wiped); counting restarted.</summary>
    StreamReset,
    /// <summary>New device facts arrived with a presence message rather than as a reported change.</summary>
    Described,
}
