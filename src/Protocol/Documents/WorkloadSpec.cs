namespace EdgeWasm.Protocol.Documents;

/// <summary>One workload (a pod's container): which module to run, how, and under which limits.</summary>
public sealed record WorkloadSpec
{
    /// <summary>namespace/pod/container.</summary>
    public required WorkloadId Id { get; init; }

    /// <summary>The pod's UID, so that a re-created pod with the same name is a new workload.</summary>
    public string? PodUid { get; init; }

    /// <summary>Image reference, e.g. <c>registry:5000/sensors/avg:1.0</c>.</summary>
    public required string Image { get; init; }

    /// <summary>The digest the image resolved to when the pod was admitted, if it could be pinned.</summary>
    public ContentDigest? Digest { get; init; }

    /// <summary>When to contact the registry.</summary>
    public PullPolicy PullPolicy { get; init; } = PullPolicy.IfNotPresent;

    /// <summary>Credentials for the image's registry, from imagePullSecrets.</summary>
    public IReadOnlyList<RegistryCredential> PullCredentials { get; init; } = [];

    /// <summary>Guest arguments after argv[0] (Kubernetes command + args).</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>Environment, in order.</summary>
    public IReadOnlyList<EnvVar> Env { get; init; } = [];

    /// <summary>Resource limits.</summary>
    public WorkloadLimits Limits { get; init; } = new();

    /// <summary>What to do when the workload ends.</summary>
    public RestartPolicy RestartPolicy { get; init; } = RestartPolicy.Always;

    /// <summary>Directories the guest sees (preopens).</summary>
    public IReadOnlyList<VolumeSpec> Volumes { get; init; } = [];

    /// <summary>A TCP port the agent listens on and hands to the guest for sock_accept.</summary>
    public int? ListenPort { get; init; }

    /// <summary>Init workloads of a pod run to completion, in <see cref="Order"/>, before its other workloads start.</summary>
    public bool Init { get; init; }

    /// <summary>Position among the pod's init (or regular) workloads.</summary>
    public int Order { get; init; }
}
