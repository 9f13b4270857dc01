using EdgeWasm.CloudBridge.Devices;
using EdgeWasm.CloudBridge.Nodes;
using EdgeWasm.CloudBridge.Pods;
using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.CloudBridge.Fleet;

/// <summary>
/// Which devices the bridge serves: every configured device, and (with discovery on) every device that reported its
/// DeviceInfo on the broker. Each is seen through the registry: its facts, profile and liveness now. Devices only
/// join; a device that goes silent stays, offline.
/// </summary>
internal sealed class DeviceCatalog
{
    private readonly FleetOptions _options;
    private readonly DeviceRegistry _registry;
    private readonly ProfileCatalog _profiles;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, ConfiguredDevice> _configured;

    /// <summary>A catalog over <paramref name="registry"/>.</summary>
    public DeviceCatalog(FleetOptions options, DeviceRegistry registry, ProfileCatalog profiles, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));
        _profiles = profiles ?? throw new ArgumentNullException(nameof(profiles));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _configured = options.Configured.ToDictionary(d => d.DeviceId, StringComparer.Ordinal);
    }

    /// <summary>The heartbeat timeout of the liveness rule.</summary>
    public TimeSpan HeartbeatTimeout => _options.HeartbeatTimeout;

    /// <summary>Every served device now, sorted by id.</summary>
    public IReadOnlyList<ManagedDevice> Devices()
    {
        var now = _time.GetUtcNow();
        var records = _registry.Devices;
        var ids = new SortedSet<string>(_configured.Keys, StringComparer.Ordinal);
        if (_options.Discover)
        {
            foreach (var (id, record) in records)
            {
                if (record.Device is not null) ids.Add(id);
            }
        }

        return [.. ids.Select(id => Snapshot(id, records.GetValueOrDefault(id), now))];
    }

    /// <summary>One served device, or null when the bridge does not serve it.</summary>
    public ManagedDevice? Find(string deviceId)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        var record = _registry.Get(deviceId);
        var served = _configured.ContainsKey(deviceId) || (_options.Discover && record?.Device is not null);
        return served ? Snapshot(deviceId, record, _time.GetUtcNow()) : null;
    }

    /// <summary>The served device whose node is <paramref name="nodeName"/>, or null.</summary>
    public ManagedDevice? FindByNode(string nodeName)
    {
        ArgumentNullException.ThrowIfNull(nodeName);
        // Most device ids are their node's name; only the others need a search.
        if (Protocol.Topics.DeviceIds.IsValid(nodeName) && NodeNames.FromDeviceId(nodeName) == nodeName && Find(nodeName) is { } direct) return direct;
        return Devices().FirstOrDefault(d => d.NodeName == nodeName);
    }

    private ManagedDevice Snapshot(string id, DeviceRecord? record, DateTimeOffset now)
    {
        _configured.TryGetValue(id, out var configured);
        var info = record?.Device;
        var profileName = info?.Profile ?? configured?.Profile;
        Protocol.Profiles.HardwareProfile? profile = null;
        string? problem = null;
        // The device's own word wins over the configuration.
        if (profileName is not null)
        {
            profile = _profiles.Find(profileName, out problem);
        }
        else
        {
            problem = $"device {id} has not reported its hardware profile yet";
        }

        // Until the device reports itself, a configured profile stands in, so its node exists from the start.
        if (info is null && profile is not null)
        {
            info = new DeviceInfo { Arch = profile.Arch, Profile = profile.Name, Capacity = profile.Allocatable, AgentVersion = "unknown" };
        }

        var liveness = record is null ? new DeviceLiveness(id, false, null) : DeviceLiveness.From(record, now, _options.HeartbeatTimeout);
        return new ManagedDevice
        {
            DeviceId = id,
            NodeName = NodeNames.FromDeviceId(id),
            Info = info,
            Profile = profile,
            ProfileProblem = problem,
            Record = record,
            Liveness = liveness,
            Now = now,
        };
    }
}
