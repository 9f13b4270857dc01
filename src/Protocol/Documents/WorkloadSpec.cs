namespace EdgeWasm.Protocol.Documents;

/// <summary>One workload (a pod's container): which module to run, how, and under which limits.</summary>
public sealed record WorkloadSpec
{
    // Accessors with backing fields: System.Text.Json's source generator assigns every init-only property,
    // passing default(T) for members absent from the JSON (dotnet/runtime#84484); these put the defaults back.
    private readonly IReadOnlyList<RegistryCredential> _pullCredentials = [];
    private readonly IReadOnlyList<string> _args = [];
    private readonly IReadOnlyList<EnvVar> _env = [];
    private readonly WorkloadLimits _limits = new();
    private readonly IReadOnlyList<VolumeSpec> _volumes = [];

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
    public IReadOnlyList<RegistryCredential> PullCredentials { get => _pullCredentials; init => _pullCredentials = value ?? []; }

    /// <summary>Guest arguments after argv[0] (Kubernetes command + args).</summary>
    public IReadOnlyList<string> Args { get => _args; init => _args = value ?? []; }

    /// <summary>Environment, in order.</summary>
    public IReadOnlyList<EnvVar> Env { get => _env; init => _env = value ?? []; }

    /// <summary>Resource limits.</summary>
    public WorkloadLimits Limits { get => _limits; init => _limits = value ?? new(); }

    /// <summary>What to do when the workload ends.</summary>
    public RestartPolicy RestartPolicy { get; init; } = RestartPolicy.Always;

    /// <summary>Directories the guest sees (preopens).</summary>
    public IReadOnlyList<VolumeSpec> Volumes { get => _volumes; init => _volumes = value ?? []; }

    /// <summary>A TCP port the agent listens on and hands to the guest for sock_accept.</summary>
    public int? ListenPort { get; init; }

    /// <summary>Init workloads of a pod run to completion, in <see cref="Order"/>, before its other workloads start.</summary>
    public bool Init { get; init; }

    /// <summary>Position among the pod's init (or regular) workloads.</summary>
    public int Order { get; init; }
}
