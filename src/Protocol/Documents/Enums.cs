using System.Text.Json.Serialization;

namespace EdgeWasm.Protocol.Documents;

/// <summary>Kubernetes pull policy.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PullPolicy>))]
public enum PullPolicy
{
    /// <summary>Pull unless the digest is cached.</summary>
    IfNotPresent,
    /// <summary>Resolve the reference on every start; the blob is still reused when its digest is cached.</summary>
    Always,
    /// <summary>Only use the cache.</summary>
    Never,
}

/// <summary>Kubernetes restart policy.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RestartPolicy>))]
public enum RestartPolicy
{
    /// <summary>Restart whenever the workload ends.</summary>
    Always,
    /// <summary>Restart when it ends with a non-zero exit code or a trap.</summary>
    OnFailure,
    /// <summary>Never restart.</summary>
    Never,
}

/// <summary>Kubernetes container state.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WorkloadState>))]
public enum WorkloadState
{
    /// <summary>Not running yet (pulling, backing off, waiting for init workloads).</summary>
    Waiting,
    /// <summary>Running in the engine.</summary>
    Running,
    /// <summary>Ended; see exit code and reason.</summary>
    Terminated,
}

/// <summary>The kind of volume behind a preopen.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<VolumeKind>))]
public enum VolumeKind
{
    /// <summary>A scratch directory under the agent's data dir, kept across restarts of the workload, removed with it.</summary>
    EmptyDir,
    /// <summary>Files whose content travels inside the desired document (ConfigMap, Secret).</summary>
    Files,
}
