namespace EdgeWasm.CloudBridge.Nodes;

/// <summary>What every node the bridge registers shares.</summary>
internal sealed record NodeOptions
{
    /// <summary>
    /// The address the API server uses to reach the bridge's kubelet API (kubectl logs). It is the node's only
    /// address: the API server dials the first address of its preferred types, so no unreachable Hostname is listed.
    /// </summary>
    public string? KubeletAddress { get; init; }

    /// <summary>The port of the bridge's kubelet API.</summary>
    public int KubeletPort { get; init; } = 10250;

    /// <summary>What the node reports as kubelet version (kubectl get nodes shows it).</summary>
    public string KubeletVersion { get; init; } = "v1.30.0-edgewasm.0.1.0";

    /// <summary>Seconds a node lease is valid after a renewal (the kubelet's default).</summary>
    public int LeaseDurationSeconds { get; init; } = 40;

    /// <summary>How often a lease is renewed: a quarter of its duration, as the kubelet does.</summary>
    public TimeSpan LeaseRenewInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A node's status is written at least this often, changed or not (the kubelet's nodeStatusReportFrequency).</summary>
    public TimeSpan StatusReportFrequency { get; init; } = TimeSpan.FromMinutes(1);
}
