using EdgeWasm.CloudBridge.Cluster;
using EdgeWasm.CloudBridge.Devices;
using EdgeWasm.CloudBridge.Fleet;
using EdgeWasm.CloudBridge.Kubernetes.Models;
using EdgeWasm.CloudBridge.Reconcile;
using EdgeWasm.Protocol.Documents;
using EdgeWasm.Protocol.Images;
using EdgeWasm.Protocol.Topics;
using Microsoft.Extensions.Logging;

namespace EdgeWasm.CloudBridge.Pods.Sync;

/// <summary>
/// The pod sync loop: for each served device, observe the pods bound to its node, translate each (resolving the
/// ConfigMaps, Secrets and pull secrets it names and pinning its images at first sight), plan the desired document
/// (<see cref="DesiredPlanner"/>, <see cref="DesiredLedger"/>) and publish it when its content changed. Pods that
/// cannot run are never dropped silently: their translation carries the rejection, which the status loop turns into a
/// Failed phase and an event.
/// </summary>
internal sealed class PodSyncController : DeviceLoop
{
    private readonly IPodStore _pods;
    private readonly IDeviceChannel _link;
    private readonly DesiredLedger _ledger;
    private readonly PodTranslations _translations;
    private readonly IImageDigestResolver _resolver;
    private readonly SyncOptions _syncOptions;
    private readonly List<IDisposable> _subscriptions = [];

    /// <summary>Sets the loop up.</summary>
    public PodSyncController(IPodStore pods, IDeviceChannel link, DesiredLedger ledger, PodTranslations translations, IImageDigestResolver resolver, SyncOptions syncOptions,
        DeviceRegistry registry, DeviceCatalog catalog, ReconcileOptions options, TimeProvider time, ILogger<PodSyncController> logger)
        : base("pod sync", registry, catalog, options, time, logger)
    {
        _pods = pods ?? throw new ArgumentNullException(nameof(pods));
        _link = link ?? throw new ArgumentNullException(nameof(link));
        _ledger = ledger ?? throw new ArgumentNullException(nameof(ledger));
        _translations = translations ?? throw new ArgumentNullException(nameof(translations));
        _resolver = resolver ?? throw new ArgumentNullException(nameof(resolver));
        _syncOptions = syncOptions ?? throw new ArgumentNullException(nameof(syncOptions));
    }

    /// <summary>Documents published since start.</summary>
    public long Published => Interlocked.Read(ref _published);

    private long _published;

    /// <inheritdoc />
    protected override async Task StartingAsync(CancellationToken cancellationToken)
    {
        _subscriptions.Add(_pods.Changes.Subscribe(node =>
        {
            if (Catalog.FindByNode(node) is { } device) Queue.Add(device.DeviceId);
        }));
        _subscriptions.Add(_ledger.Overtaken.Subscribe(deviceId =>
        {
            var version = _ledger.Version(deviceId);
            PodLog.Overtaken(Logger, deviceId, version);
            Queue.Add(deviceId);
        }));
        // Retained documents (or the twins' ones) are known once the channel is ready; publishing before would waste a version.
        await _link.WaitUntilReadyAsync(cancellationToken).ConfigureAwait(false);
        await Task.Delay(_syncOptions.RetainedSettle, Time, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override bool IsTrigger(DeviceEvent e) =>
        e.Kind == DeviceEventKind.Described || (e.Kind == DeviceEventKind.Reported && e.Detail == nameof(ReportedChangeKind.DeviceInfo));

    /// <inheritdoc />
    protected override async Task ReconcileAsync(ManagedDevice device, CancellationToken cancellationToken)
    {
        _pods.Track(device.NodeName);
        if (!_pods.IsSynced(device.NodeName)) return; // The first list triggers another pass.
        var pods = DesiredPlanner.Order(_pods.PodsOn(device.NodeName));
        var translations = new Dictionary<string, PodTranslation>(StringComparer.Ordinal);
        var pins = new Dictionary<(string, string), ContentDigest?>();
        var admitted = new List<(Pod, PodTranslation)>();
        foreach (var pod in pods)
        {
            var uid = pod.Metadata.Uid ?? $"{pod.Metadata.Namespace}/{pod.Metadata.Name}";
            // A pod on its way out keeps its last translation: nothing of it is sent any more.
            var translation = DesiredPlanner.Wanted(pod)
                ? await TranslateAsync(device, pod, uid, pins, cancellationToken).ConfigureAwait(false)
                : _translations.Get(device.DeviceId, uid) ?? new PodTranslation();
            translations[uid] = translation;
            if (DesiredPlanner.Wanted(pod) && !translation.IsRejected) admitted.Add((pod, translation));
        }

        var workloads = DesiredPlanner.Workloads(admitted);
        var document = _ledger.Plan(device.DeviceId, workloads, device.AppliedVersion);
        if (document is not null && !Fits(document))
        {
            workloads = Shrink(device, admitted, translations);
            document = _ledger.Plan(device.DeviceId, workloads, device.AppliedVersion);
        }

        _ledger.SetPins(device.DeviceId, pins);
        _translations.Set(device.DeviceId, translations);
        if (document is null) return;
        _ledger.Publishing(document);
        try
        {
            await _link.PublishDesiredAsync(document, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _ledger.Published(document, acknowledged: false);
            throw;
        }

        _ledger.Published(document);
        Interlocked.Increment(ref _published);
        PodLog.DesiredChanged(Logger, device.DeviceId, document.Version, document.Workloads.Count, admitted.Count);
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        foreach (var s in _subscriptions) s.Dispose();
        base.Dispose();
    }

    private async Task<PodTranslation> TranslateAsync(ManagedDevice device, Pod pod, string uid, Dictionary<(string, string), ContentDigest?> pins, CancellationToken cancellationToken)
    {
        if (device.Profile is null)
        {
            // Without the profile, CPU limits cannot become fuel: hold the containers back and say why.
            var wait = new ContainerWait("CreateContainerConfigError", device.ProfileProblem ?? $"the hardware profile of device {device.DeviceId} is unknown");
            return new PodTranslation
            {
                Waiting = pod.Spec.Containers.Concat(pod.Spec.InitContainers ?? []).ToDictionary(c => c.Name, _ => wait, StringComparer.Ordinal),
            };
        }

        var ns = pod.Metadata.Namespace ?? "default";
        var references = PodReferences.Collect(pod);
        var configMaps = new Dictionary<string, ConfigMap>(StringComparer.Ordinal);
        foreach (var name in references.ConfigMaps)
        {
            if (await _pods.GetConfigMapAsync(ns, name, cancellationToken).ConfigureAwait(false) is { } map) configMaps[name] = map;
        }

        var secrets = new Dictionary<string, Secret>(StringComparer.Ordinal);
        foreach (var name in references.Secrets)
        {
            if (await _pods.GetSecretAsync(ns, name, cancellationToken).ConfigureAwait(false) is { } secret) secrets[name] = secret;
        }

        var digests = new Dictionary<string, ContentDigest>(StringComparer.Ordinal);
        var unpinned = new List<string>();
        foreach (var image in references.ImagesToResolve)
        {
            var digest = await PinAsync(device, pod, uid, image, secrets, cancellationToken).ConfigureAwait(false);
            pins[(uid, image)] = digest;
            if (digest is { } d) digests[image] = d;
            else unpinned.Add(image);
        }

        var translation = PodTranslator.Translate(pod, new PodTranslationInputs
        {
            Profile = device.Profile,
            NodeName = device.NodeName,
            HostIP = device.Address,
            ConfigMaps = configMaps,
            Secrets = secrets,
            ResolvedDigests = digests,
        });
        if (unpinned.Count == 0) return translation;
        var warnings = unpinned.Select(image => new PodEventRecord(PodEventRecord.Warning, "DigestNotPinned",
            $"Could not resolve image \"{image}\" to a digest at admission (registry unreachable or refusing); the device resolves the tag itself when it pulls"));
        return translation with { Warnings = [.. translation.Warnings, .. warnings] };
    }

    // A pod's image is pinned once, at first sight: later passes (and a restarted bridge, from the retained document) reuse the answer.
    private async Task<ContentDigest?> PinAsync(ManagedDevice device, Pod pod, string uid, string image, IReadOnlyDictionary<string, Secret> secrets, CancellationToken cancellationToken)
    {
        if (_ledger.TryGetPin(device.DeviceId, uid, image, out var known)) return known;
        if (!ImageReference.TryParse(image, out var reference, out _)) return null;
        var credentials = PullSecrets.ForImage(reference, PullSecrets.Load(pod, secrets, []));
        ContentDigest? digest;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(_syncOptions.PinTimeout);
            try
            {
                digest = await _resolver.ResolveAsync(reference, credentials, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                digest = null;
            }
        }

        if (digest is { } d) PodLog.Pinned(Logger, image, pod.Metadata.Namespace ?? "", pod.Metadata.Name ?? "", d.Value);
        else PodLog.NotPinned(Logger, image, pod.Metadata.Namespace ?? "", pod.Metadata.Name ?? "");
        return digest;
    }

    private bool Fits(DesiredState document) => _link.Fits(document, _syncOptions.DesiredLimit);

    // Oldest pods first, each while the document still fits; the rest fail with the reason, never silently dropped.
    private IReadOnlyList<WorkloadSpec> Shrink(ManagedDevice device, List<(Pod Pod, PodTranslation Translation)> admitted, Dictionary<string, PodTranslation> translations)
    {
        var kept = new List<(Pod, PodTranslation)>();
        var left = 0;
        foreach (var (pod, translation) in admitted)
        {
            var trial = kept.Append((pod, translation)).ToList();
            if (Fits(new DesiredState { DeviceId = device.DeviceId, Version = long.MaxValue, Workloads = DesiredPlanner.Workloads(trial) }))
            {
                kept = trial;
                continue;
            }

            translations[pod.Metadata.Uid ?? $"{pod.Metadata.Namespace}/{pod.Metadata.Name}"] = DesiredPlanner.TooLarge(_syncOptions.DesiredLimit);
            left++;
        }

        PodLog.TooLarge(Logger, device.DeviceId, _syncOptions.DesiredLimit, left);
        return DesiredPlanner.Workloads(kept);
    }
}
