namespace EdgeWasm.EdgeAgent.Store;

/// <summary>Well-known metadata keys.</summary>
internal static class MetadataKeys
{
    /// <summary>The device id this store belongs to; the agent refuses to start with another one.</summary>
    public const string DeviceId = "device.id";

    /// <summary>The hardware profile the device last ran with.</summary>
    public const string Profile = "device.profile";

    /// <summary>The agent version that last opened the store.</summary>
    public const string AgentVersion = "agent.version";

    /// <summary>The <c>DeviceInfo</c> last reported, as JSON: the link also carries it in its presence messages.</summary>
    public const string DeviceInfo = "device.info";
}
