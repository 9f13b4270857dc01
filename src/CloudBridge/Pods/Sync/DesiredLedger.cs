using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text.Json;
using EdgeWasm.CloudBridge.Reconcile;
using EdgeWasm.Protocol.Documents;
using EdgeWasm.Protocol.Topics;

namespace EdgeWasm.CloudBridge.Pods.Sync;

/// <summary>
/// What the broker holds for each device: the version and content of the newest desired document (published by this
/// bridge, or retained from before a restart and received on the subscription to every device's desired topic), and
/// the image digests it pinned. A document is published only when its content differs; its version is one above the
/// highest the bridge knows — the retained one, its own last, and what the device says it applied — so a restarted
/// bridge, or one whose state was wiped, never goes backwards. Small per device: a version, a hash and the pins.
/// </summary>
internal sealed class DesiredLedger
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Announces a device whose retained document moved ahead of what the bridge had (another writer, or a restart).</summary>
    public ChangeFeed Overtaken { get; } = new();

    /// <summary>The version of the newest document known for <paramref name="deviceId"/>, or 0.</summary>
    public long Version(string deviceId)
    {
        lock (_gate) return _entries.TryGetValue(deviceId, out var entry) ? entry.Version : 0;
    }

    /// <summary>Records a document seen on the broker (a retained copy, or the echo of one this bridge published).</summary>
    public void Observe(DesiredState document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var hash = Hash(document.Workloads);
        bool overtaken;
        lock (_gate)
        {
            var entry = _entries.GetValueOrDefault(document.DeviceId) ?? Entry.Empty;
            var pins = entry.Pins;
            foreach (var w in document.Workloads)
            {
                if (w.PodUid is { } uid) pins = pins.SetItem((uid, w.Image), w.Digest);
            }

            // The echo of a document being published right now is ours, even if it arrives before the broker's acknowledgement.
            overtaken = document.Version > entry.Version && hash != entry.Hash && (document.Version, hash) != entry.Pending;
            _entries[document.DeviceId] = document.Version > entry.Version
                ? entry with { Version = document.Version, Hash = hash, Pins = pins, PodUids = PodUidsOf(document) }
                : entry with { Pins = pins };
        }

        if (overtaken) Overtaken.Publish(document.DeviceId);
    }

    /// <summary>
    /// The document to publish for <paramref name="workloads"/>, or null when the broker already holds that content.
    /// <paramref name="appliedVersion"/> is what the device says it stored, a floor for the version.
    /// </summary>
    public DesiredState? Plan(string deviceId, IReadOnlyList<WorkloadSpec> workloads, long appliedVersion)
    {
        ArgumentNullException.ThrowIfNull(workloads);
        var hash = Hash(workloads);
        lock (_gate)
        {
            var entry = _entries.GetValueOrDefault(deviceId) ?? Entry.Empty;
            if (entry.Hash == hash && entry.Version >= appliedVersion) return null;
            return new DesiredState { DeviceId = deviceId, Version = Math.Max(entry.Version, appliedVersion) + 1, Workloads = workloads };
        }
    }

    /// <summary>Records a document about to be published (its echo may come back before the acknowledgement).</summary>
    public void Publishing(DesiredState document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var hash = Hash(document.Workloads);
        lock (_gate)
        {
            var entry = _entries.GetValueOrDefault(document.DeviceId) ?? Entry.Empty;
            _entries[document.DeviceId] = entry with { Pending = (document.Version, hash) };
        }
    }

    /// <summary>Records the end of a publication: acknowledged by the broker (<paramref name="acknowledged"/>), or failed.</summary>
    public void Published(DesiredState document, bool acknowledged = true)
    {
        ArgumentNullException.ThrowIfNull(document);
        var hash = Hash(document.Workloads);
        lock (_gate)
        {
            var entry = (_entries.GetValueOrDefault(document.DeviceId) ?? Entry.Empty) with { Pending = default };
            if (acknowledged && document.Version >= entry.Version) entry = entry with { Version = document.Version, Hash = hash, PodUids = PodUidsOf(document) };
            _entries[document.DeviceId] = entry;
        }
    }

    /// <summary>The uids of the pods whose workloads the newest known document of <paramref name="deviceId"/> holds.</summary>
    public IReadOnlySet<string> PodUids(string deviceId)
    {
        lock (_gate) return _entries.TryGetValue(deviceId, out var entry) ? entry.PodUids : ImmutableHashSet<string>.Empty;
    }

    /// <summary>The digest pinned for <paramref name="image"/> of pod <paramref name="podUid"/>: true with null when it was published unpinned.</summary>
    public bool TryGetPin(string deviceId, string podUid, string image, out ContentDigest? digest)
    {
        lock (_gate)
        {
            digest = null;
            return _entries.TryGetValue(deviceId, out var entry) && entry.Pins.TryGetValue((podUid, image), out digest);
        }
    }

    /// <summary>Replaces the pins of a device with those of its current pods (so pins of gone pods do not pile up).</summary>
    public void SetPins(string deviceId, IReadOnlyDictionary<(string PodUid, string Image), ContentDigest?> pins)
    {
        ArgumentNullException.ThrowIfNull(pins);
        lock (_gate)
        {
            var entry = _entries.GetValueOrDefault(deviceId) ?? Entry.Empty;
            _entries[deviceId] = entry with { Pins = pins.ToImmutableDictionary() };
        }
    }

    /// <summary>A hash of a document's content (its workloads), the version left out.</summary>
    public static string Hash(IReadOnlyList<WorkloadSpec> workloads)
    {
        var probe = new DesiredState { DeviceId = "-", Version = 1, Workloads = workloads };
        return Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(probe, TopicJsonContext.Default.DesiredState)));
    }

    private static ImmutableHashSet<string> PodUidsOf(DesiredState document) =>
        document.Workloads.Select(w => w.PodUid).OfType<string>().ToImmutableHashSet(StringComparer.Ordinal);

    private sealed record Entry(long Version, string? Hash, ImmutableDictionary<(string PodUid, string Image), ContentDigest?> Pins, ImmutableHashSet<string> PodUids)
    {
        public (long Version, string? Hash) Pending { get; init; }

        public static Entry Empty { get; } = new(0, null, ImmutableDictionary<(string, string), ContentDigest?>.Empty, ImmutableHashSet<string>.Empty);
    }
}
