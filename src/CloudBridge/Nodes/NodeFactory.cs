using EdgeWasm.CloudBridge.Kubernetes.Models;

namespace EdgeWasm.CloudBridge.Nodes;

/// <summary>
/// The Node object for a device: wasm32-wasi labels and taints, capacity from the hardware profile, nodeInfo,
/// the bridge's kubelet endpoint, and conditions that say where the device stands: Ready True while its
/// heartbeat is fresh, Unknown (DeviceOffline) when it is not, and the pressure conditions Unknown too, because
/// nobody knows them then. Labels, annotations and taints added by others (users, the node controller) are kept.
/// </summary>
internal static class NodeFactory
{
    /// <summary>The architecture and OS value of wasm nodes' labels and taint.</summary>
    public const string WasmPlatform = "wasm32-wasi";

    /// <summary>The taint key that keeps ordinary pods off wasm nodes.</summary>
    public const string ArchTaintKey = "kubernetes.io/arch";

    private static readonly string[] ConditionTypes = ["Ready", "MemoryPressure", "DiskPressure", "PIDPressure", "NetworkUnavailable"];

    /// <summary>Builds the desired node.</summary>
    public static Node Build(NodeInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var deviceId = inputs.Liveness.DeviceId;
        var name = NodeNames.FromDeviceId(deviceId);
        var previous = inputs.Previous;
        var device = inputs.Device;

        var labels = new Dictionary<string, string>(previous?.Metadata.Labels ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            ["kubernetes.io/arch"] = WasmPlatform,
            ["kubernetes.io/os"] = WasmPlatform,
            ["kubernetes.io/hostname"] = name,
            ["type"] = "virtual-kubelet",
            ["node-role.kubernetes.io/edge"] = "",
            ["edgewasm.io/device"] = NodeNames.LabelValue(deviceId),
            ["edgewasm.io/profile"] = NodeNames.LabelValue(device.Profile),
        };
        var annotations = new Dictionary<string, string>(previous?.Metadata.Annotations ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            ["edgewasm.io/device-id"] = deviceId,
            ["node.alpha.kubernetes.io/ttl"] = "0",
        };

        Taint[] own =
        [
            new() { Key = ArchTaintKey, Value = WasmPlatform, Effect = "NoSchedule" },
            new() { Key = ArchTaintKey, Value = WasmPlatform, Effect = "NoExecute" },
        ];
        var taints = own.Concat((previous?.Spec.Taints ?? []).Where(t => t.Key != ArchTaintKey)).ToList();

        var resources = new Dictionary<string, Quantity>(StringComparer.Ordinal)
        {
            ["cpu"] = Quantity.FromMilli(device.Capacity.CpuMillis),
            ["memory"] = Quantity.FromBytes(device.Capacity.MemoryBytes),
            ["pods"] = Quantity.FromInteger(device.Capacity.Pods),
            ["ephemeral-storage"] = Quantity.FromBytes(device.Capacity.StorageBytes),
        };

        var options = inputs.Options;
        return new Node
        {
            Metadata = (previous?.Metadata ?? new ObjectMeta()) with { Name = name, Labels = labels, Annotations = annotations },
            Spec = (previous?.Spec ?? new NodeSpec()) with { Taints = taints },
            Status = (previous?.Status ?? new NodeStatus()) with
            {
                Capacity = resources,
                Allocatable = resources,
                Conditions = Conditions(inputs, previous?.Status?.Conditions),
                Addresses = options.KubeletAddress is { } address ? [new NodeAddress { Type = "InternalIP", Address = address }] : [],
                DaemonEndpoints = new NodeDaemonEndpoints { KubeletEndpoint = new DaemonEndpoint { Port = options.KubeletPort } },
                NodeInfo = new NodeSystemInfo
                {
                    MachineId = deviceId,
                    Architecture = device.Arch,
                    OperatingSystem = WasmPlatform,
                    OsImage = device.OperatingSystem ?? "",
                    KubeletVersion = options.KubeletVersion,
                    ContainerRuntimeVersion = "edgewasm://" + device.AgentVersion,
                },
            },
        };
    }

    private static List<NodeCondition> Conditions(NodeInputs inputs, IReadOnlyList<NodeCondition>? previous)
    {
        var live = inputs.Liveness;
        var heartbeat = live.LastSeen ?? inputs.Now;
        List<NodeCondition> conditions;
        if (live.Online)
        {
            conditions =
            [
                new() { Type = "Ready", Status = "True", Reason = "KubeletReady", Message = $"EdgeWasm agent {inputs.Device.AgentVersion} on device {live.DeviceId} is ready" },
                new() { Type = "MemoryPressure", Status = "False", Reason = "KubeletHasSufficientMemory", Message = "the agent admits workloads only within the profile's memory" },
                new() { Type = "DiskPressure", Status = "False", Reason = "KubeletHasNoDiskPressure", Message = "the agent admits modules only within the profile's storage" },
                new() { Type = "PIDPressure", Status = "False", Reason = "KubeletHasSufficientPID", Message = "workloads run in the agent's process, not as processes" },
                new() { Type = "NetworkUnavailable", Status = "False", Reason = "DeviceConnected", Message = "the device reaches the bridge over MQTT" },
            ];
        }
        else
        {
            var seen = live.LastSeen is { } at ? KubeTimeJsonConverter.Format(at) : "never";
            var message = $"device {live.DeviceId} last seen {seen}: no heartbeat within the timeout";
            conditions = [.. ConditionTypes.Select(type => new NodeCondition { Type = type, Status = "Unknown", Reason = "DeviceOffline", Message = message })];
        }

        return [.. conditions.Select(c =>
        {
            var before = previous?.FirstOrDefault(p => p.Type == c.Type);
            var transition = before is not null && before.Status == c.Status ? before.LastTransitionTime ?? inputs.Now : inputs.Now;
            return c with { LastHeartbeatTime = heartbeat, LastTransitionTime = transition };
        })];
    }
}
