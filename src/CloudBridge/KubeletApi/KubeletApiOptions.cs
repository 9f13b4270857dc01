namespace EdgeWasm.CloudBridge.KubeletApi;

/// <summary>How the kubelet API serves logs (where it listens and its certificate are the host's: see Hosting/BridgeHost).</summary>
internal sealed record KubeletApiOptions
{
    /// <summary>How often a followed log is polled on the device.</summary>
    public TimeSpan FollowPollInterval { get; init; } = TimeSpan.FromSeconds(1);
}
