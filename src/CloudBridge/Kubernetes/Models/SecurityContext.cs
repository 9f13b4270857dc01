namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>core/v1 SecurityContext (container level); only what translation inspects is modelled.</summary>
internal sealed record SecurityContext : KubeModel
{
    /// <summary>Run with host privileges (refused).</summary>
    public bool? Privileged { get; init; }

    /// <summary>Linux capabilities to add or drop.</summary>
    public Capabilities? Capabilities { get; init; }

    /// <summary>Whether the process may gain more privileges.</summary>
    public bool? AllowPrivilegeEscalation { get; init; }
}
