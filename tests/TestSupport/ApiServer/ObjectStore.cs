using System.Globalization;
using System.Text.Json.Nodes;

namespace EdgeWasm.TestSupport.ApiServer;

/// <summary>
/// The double's etcd: objects per resource keyed by namespace/name, one global monotonically increasing
/// resourceVersion, a bounded history of changes (for resuming watches and for consistent paged lists), and the
/// open watches. Callers hold <see cref="Gate"/> around every read-modify-write so changes are totally ordered.
/// </summary>
internal sealed class ObjectStore(int historyCapacity)
{
    private readonly Dictionary<string, SortedDictionary<string, JsonObject>> _data = new(StringComparer.Ordinal);
    private readonly LinkedList<StoredEvent> _history = new();
    private readonly List<Watcher> _watchers = [];
    private long _resourceVersion;
    private long _compacted;

    /// <summary>Held around every access.</summary>
    public Lock Gate { get; } = new();

    /// <summary>The latest resourceVersion.</summary>
    public long ResourceVersion => _resourceVersion;

    /// <summary>Versions at or below this are no longer in the history: resuming from an older one is 410 Gone.</summary>
    public long CompactedResourceVersion => _compacted;

    /// <summary>The oldest version a watch can still resume from.</summary>
    public long OldestAvailable => _history.First?.Value.ResourceVersion ?? _resourceVersion;

    /// <summary>Open watches.</summary>
    public IReadOnlyList<Watcher> Watchers => _watchers;

    /// <summary>The storage key of an object.</summary>
    public static string Key(ApiResource resource, string? ns, string name) => resource.Namespaced ? $"{ns}/{name}" : name;

    /// <summary>A stored object (the live instance: clone before handing it out).</summary>
    public JsonObject? Get(ApiResource resource, string key) => Table(resource).GetValueOrDefault(key);

    /// <summary>All stored objects of a resource, in key order.</summary>
    public IEnumerable<KeyValuePair<string, JsonObject>> All(ApiResource resource) => Table(resource);

    /// <summary>Stores a created or updated object under a new resourceVersion and tells the watches.</summary>
    public JsonObject Put(ApiResource resource, string key, JsonObject item)
    {
        var previous = Get(resource, key);
        var stored = (JsonObject)item.DeepClone();
        var rv = ++_resourceVersion;
        ((JsonObject)stored["metadata"]!)["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture);
        Table(resource)[key] = stored;
        Record(new StoredEvent(rv, resource, previous is null ? "ADDED" : "MODIFIED", stored, previous));
        return (JsonObject)stored.DeepClone();
    }

    /// <summary>Removes an object; its final state (<paramref name="finalState"/>, or as stored) carries the deletion's resourceVersion.</summary>
    public JsonObject Delete(ApiResource resource, string key, JsonObject? finalState = null)
    {
        var previous = Get(resource, key) ?? throw new InvalidOperationException($"no {key}");
        var final = (JsonObject)(finalState ?? previous).DeepClone();
        var rv = ++_resourceVersion;
        ((JsonObject)final["metadata"]!)["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture);
        Table(resource).Remove(key);
        Record(new StoredEvent(rv, resource, "DELETED", final, previous));
        return (JsonObject)final.DeepClone();
    }

    /// <summary>Changes of <paramref name="resource"/> after <paramref name="resourceVersion"/>, oldest first.</summary>
    public IEnumerable<StoredEvent> EventsAfter(ApiResource resource, long resourceVersion) =>
        _history.Where(e => e.ResourceVersion > resourceVersion && e.Resource == resource);

    /// <summary>The objects of a resource as they were at <paramref name="resourceVersion"/>, rebuilt by undoing later changes.</summary>
    public SortedDictionary<string, JsonObject> SnapshotAt(ApiResource resource, long resourceVersion)
    {
        var snapshot = new SortedDictionary<string, JsonObject>(Table(resource), StringComparer.Ordinal);
        for (var node = _history.Last; node is not null && node.Value.ResourceVersion > resourceVersion; node = node.Previous)
        {
            var e = node.Value;
            if (e.Resource != resource) continue;
            var key = KeyOf(resource, e.Object);
            if (e.Previous is null) snapshot.Remove(key);
            else snapshot[key] = e.Previous;
        }

        return snapshot;
    }

    /// <summary>Forgets the whole history, as an etcd compaction does: every older version becomes 410 Gone.</summary>
    public void Compact()
    {
        _history.Clear();
        _compacted = _resourceVersion;
    }

    /// <summary>Registers a watch; events are offered to it from now on, in commit order.</summary>
    public void AddWatcher(Watcher watcher) => _watchers.Add(watcher);

    /// <summary>Unregisters a watch.</summary>
    public void RemoveWatcher(Watcher watcher) => _watchers.Remove(watcher);

    /// <summary>Sends a bookmark at the current version to every watch that asked for bookmarks.</summary>
    public void EmitBookmarks()
    {
        foreach (var w in _watchers) w.OfferBookmark(_resourceVersion);
    }

    /// <summary>The storage key of a stored object.</summary>
    public static string KeyOf(ApiResource resource, JsonObject item)
    {
        var meta = (JsonObject)item["metadata"]!;
        return Key(resource, (string?)meta["namespace"], (string)meta["name"]!);
    }

    private void Record(StoredEvent e)
    {
        _history.AddLast(e);
        while (_history.Count > historyCapacity)
        {
            _compacted = _history.First!.Value.ResourceVersion;
            _history.RemoveFirst();
        }

        foreach (var w in _watchers) w.Offer(e);
    }

    private SortedDictionary<string, JsonObject> Table(ApiResource resource)
    {
        if (!_data.TryGetValue(resource.StorageKey, out var table))
        {
            table = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
            _data[resource.StorageKey] = table;
        }

        return table;
    }
}
