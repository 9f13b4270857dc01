using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeWasm.CloudBridge.Kubernetes;
using EdgeWasm.CloudBridge.Kubernetes.Models;
using EdgeWasm.CloudBridge.Pods;
using EdgeWasm.TestSupport.ApiServer.Patching;
using EdgeWasm.Protocol.Documents;
using EdgeWasm.Protocol.Profiles;

namespace EdgeWasm.CloudBridge.Tests.Pods;

/// <summary>Pods for table tests: a small base pod with a JSON merge patch (RFC 7386) applied, so each row shows only what differs.</summary>
internal static class TestPods
{
    public const string BasePod = """
        {"apiVersion":"v1","kind":"Pod",
         "metadata":{"name":"sensor","namespace":"edge","uid":"uid-1","labels":{"app":"avg"},"annotations":{"note":"hello"}},
         "spec":{"nodeName":"pi-1","restartPolicy":"Always","serviceAccountName":"default",
                 "containers":[{"name":"main","image":"reg.local:5000/sensors/avg:1.0"}]}}
        """;

    /// <summary>A 4-core, 4 GiB device whose cores burn a billion fuel per second each.</summary>
    public static HardwareProfile Profile { get; } = new()
    {
        Name = "test-device",
        Arch = "arm64",
        Cores = 4,
        MemoryBytes = 5L << 30,
        ReservedMemoryBytes = 1L << 30,
        StorageBudgetBytes = 8L << 30,
        MaxWorkloads = 20,
        FuelPerCoreSecond = 1_000_000_000,
        DefaultLimits = new WorkloadLimits { MemoryBytes = 64L << 20, FuelPerSecond = 100_000_000 },
    };

    public static Pod Pod(string patch = "{}")
    {
        var merged = MergePatch.Apply(JsonNode.Parse(BasePod), JsonNode.Parse(patch))!;
        return merged.Deserialize(KubeJsonContext.Default.Pod)!;
    }

    public static PodTranslationInputs Inputs(IEnumerable<ConfigMap>? configMaps = null, IEnumerable<Secret>? secrets = null,
        IReadOnlyDictionary<string, ContentDigest>? digests = null) => new()
        {
            Profile = Profile,
            NodeName = "pi-1",
            HostIP = "192.168.1.20",
            ConfigMaps = (configMaps ?? []).ToDictionary(c => c.Metadata.Name!),
            Secrets = (secrets ?? []).ToDictionary(s => s.Metadata.Name!),
            ResolvedDigests = digests ?? new Dictionary<string, ContentDigest>(),
        };

    public static ConfigMap ConfigMap(string name, params (string Key, string Value)[] data) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "edge" },
        Data = data.ToDictionary(d => d.Key, d => d.Value),
    };

    public static Secret Secret(string name, string? type = null, params (string Key, string Value)[] data) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "edge" },
        Type = type ?? "Opaque",
        Data = data.ToDictionary(d => d.Key, d => Encoding.UTF8.GetBytes(d.Value)),
    };
}
