namespace EdgeWasm.CloudBridge.Devices;

/// <summary>What the registry did with a reported change.</summary>
internal enum ApplyOutcome
{
    /// <summary>Applied: it was the next sequence (or the first of a device or stream).</summary>
    Applied,
    /// <summary>Dropped: that sequence was already applied (a redelivery).</summary>
    Duplicate,
    /// <summary>Applied after skipping missing sequences.</summary>
    AppliedAfterGap,
    /// <summary>Dropped: it belongs to a stream the device has left.</summary>
    RetiredStream,
}
