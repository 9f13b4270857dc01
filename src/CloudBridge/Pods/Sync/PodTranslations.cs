using EdgeWasm.CloudBridge.Reconcile;

namespace EdgeWasm.CloudBridge.Pods.Sync;

/// <summary>
/// The latest translation of each pod, by uid, as the sync loop made it; the status loop reads them for rejections
/// (the pod fails), waits (containers show why they cannot start) and warnings (events). <see cref="Changes"/> names the
/// device whose translations changed.
/// </summary>
internal sealed class PodTranslations
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Dictionary<string, PodTranslation>> _byDevice = new(StringComparer.Ordinal);

    /// <summary>Announces a device whose pods' translations changed.</summary>
    public ChangeFeed Changes { get; } = new();

    /// <summary>The translation of pod <paramref name="podUid"/> on <paramref name="deviceId"/>, or null when it was not translated.</summary>
    public PodTranslation? Get(string deviceId, string podUid)
    {
        lock (_gate) return _byDevice.TryGetValue(deviceId, out var pods) ? pods.GetValueOrDefault(podUid) : null;
    }

    /// <summary>Replaces the translations of a device's pods; announces the device when anything differs.</summary>
    public void Set(string deviceId, IReadOnlyDictionary<string, PodTranslation> translations)
    {
        ArgumentNullException.ThrowIfNull(translations);
        bool changed;
        lock (_gate)
        {
            var old = _byDevice.GetValueOrDefault(deviceId);
            changed = old is null || old.Count != translations.Count || translations.Any(p => !old.TryGetValue(p.Key, out var t) || !Same(t, p.Value));
            _byDevice[deviceId] = new Dictionary<string, PodTranslation>(translations, StringComparer.Ordinal);
        }

        if (changed) Changes.Publish(deviceId);
    }

    // Only what the status loop reads: the rejection, the waits and the warnings.
    private static bool Same(PodTranslation a, PodTranslation b) =>
        a.Rejection == b.Rejection
        && a.Waiting.Count == b.Waiting.Count && a.Waiting.All(p => b.Waiting.TryGetValue(p.Key, out var w) && w == p.Value)
        && a.Warnings.SequenceEqual(b.Warnings)
        && a.Workloads.Count == b.Workloads.Count;
}
