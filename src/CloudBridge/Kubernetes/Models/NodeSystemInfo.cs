using System.Text.Json.Serialization;

namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>core/v1 NodeSystemInfo.</summary>
internal sealed record NodeSystemInfo : KubeModel
{
    /// <summary>Machine id.</summary>
    [JsonPropertyName("machineID")]
    public string MachineId { get; set; } = "";

    /// <summary>System UUID.</summary>
    [JsonPropertyName("systemUUID")]
    public string SystemUuid { get; set; } = "";

    /// <summary>Boot id.</summary>
    [JsonPropertyName("bootID")]
    public string BootId { get; set; } = "";

    /// <summary>Kernel version.</summary>
    public string KernelVersion { get; set; } = "";

    /// <summary>OS image description.</summary>
    public string OsImage { get; set; } = "";

    /// <summary>Runtime and version, <c>edgewasm://0.1.0</c>.</summary>
    public string ContainerRuntimeVersion { get; set; } = "";

    /// <summary>Kubelet version string.</summary>
    public string KubeletVersion { get; set; } = "";

    /// <summary>Kube-proxy version (deprecated, empty).</summary>
    public string KubeProxyVersion { get; set; } = "";

    /// <summary>Operating system, as in the kubernetes.io/os label.</summary>
    public string OperatingSystem { get; set; } = "";

    /// <summary>Architecture of the host.</summary>
    public string Architecture { get; set; } = "";
}
