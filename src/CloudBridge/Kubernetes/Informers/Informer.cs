using EdgeWasm.CloudBridge.Kubernetes.Flow;
using EdgeWasm.CloudBridge.Kubernetes.Models;
using Microsoft.Extensions.Logging;

namespace EdgeWasm.CloudBridge.Kubernetes.Informers;

/// <summary>
/// List-then-watch, as client-go's reflector does: a consistent paged list fills a local cache keyed by
/// namespace/name, then a watch from the list's resourceVersion (with bookmarks) keeps it current. A watch that
/// ends or drops is resumed from the last resourceVersion seen; 410 Gone, as an HTTP status or as an ERROR event,
/// means the history is gone and forces a relist, whose difference to the cache is delivered as events.
/// </summary>
internal sealed partial class Informer<T> where T : KubeObject
{
    private static readonly TimeSpan ShortWatch = TimeSpan.FromSeconds(1);
    private readonly KubeClient _client;
    private readonly KubeResource<T> _resource;
    private readonly string? _namespace;
    private readonly InformerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Action<InformerEvent<T>>? _onEvent;
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Dictionary<string, T> _cache = new(StringComparer.Ordinal);
    private string? _lastResourceVersion;
    private int _lists;

    /// <summary>An informer over <paramref name="resource"/> in <paramref name="ns"/> (null: all namespaces).</summary>
    public Informer(KubeClient client, KubeResource<T> resource, string? ns, InformerOptions options, TimeProvider time, ILogger logger,
        Action<InformerEvent<T>>? onEvent = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _resource = resource ?? throw new ArgumentNullException(nameof(resource));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _namespace = ns;
        _onEvent = onEvent;
    }

    /// <summary>True once the first list has filled the cache.</summary>
    public bool HasSynced => _synced.Task.IsCompleted;

    /// <summary>The last resourceVersion seen (from a list, an event or a bookmark).</summary>
    public string? LastResourceVersion
    {
        get
        {
            lock (_gate) return _lastResourceVersion;
        }
    }

    /// <summary>How many full lists were made (1 + relists).</summary>
    public int ListCount => Volatile.Read(ref _lists);

    /// <summary>Completes when the first list has filled the cache.</summary>
    public Task WaitForSyncAsync(CancellationToken cancellationToken) => _synced.Task.WaitAsync(cancellationToken);

    /// <summary>The cached objects.</summary>
    public IReadOnlyList<T> List()
    {
        lock (_gate) return [.. _cache.Values];
    }

    /// <summary>One cached object, or null.</summary>
    public T? Get(string? ns, string name)
    {
        lock (_gate) return _cache.GetValueOrDefault(Key(ns, name));
    }

    /// <summary>Runs until cancelled; failures are logged and retried with backoff, never thrown.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var backoff = new ExponentialBackoff(_options.BackoffInitial, _options.BackoffMax);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string resourceVersion;
            try
            {
                resourceVersion = await ListAndReplaceAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var delay = backoff.Next();
                LogListFailed(_logger, _resource.Plural, ex.Message, (long)delay.TotalMilliseconds);
                await Task.Delay(delay, _time, cancellationToken);
                continue;
            }

            try
            {
                var eventsBeforeGone = await WatchUntilGoneAsync(resourceVersion, backoff, cancellationToken);
                LogRelisting(_logger, _resource.Plural, LastResourceVersion ?? "");
                // Gone straight after a fresh list means the server is compacting hard: do not relist in a tight loop.
                if (eventsBeforeGone == 0) await Task.Delay(backoff.Next(), _time, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Anything but a dropped connection (an ERROR event, a refused watch) restarts from a fresh list.
                var delay = backoff.Next();
                LogWatchFailed(_logger, _resource.Plural, ex.Message, (long)delay.TotalMilliseconds);
                await Task.Delay(delay, _time, cancellationToken);
            }
        }
    }

    private async Task<string> ListAndReplaceAsync(CancellationToken cancellationToken)
    {
        // A consistent read (resourceVersion unset): the cache must not go back in time after a 410.
        var list = await _client.ListAllAsync(_resource, _namespace, new ListOptions
        {
            LabelSelector = _options.LabelSelector,
            FieldSelector = _options.FieldSelector,
            Limit = _options.PageSize,
        }, cancellationToken);
        var resourceVersion = list.Metadata.ResourceVersion
            ?? throw new InvalidDataException($"list {_resource.Plural} returned no resourceVersion");

        var fresh = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in list.Items) fresh[Key(item)] = item;
        var events = new List<InformerEvent<T>>();
        lock (_gate)
        {
            foreach (var (key, item) in fresh)
            {
                if (!_cache.TryGetValue(key, out var old)) events.Add(new(InformerEventType.Added, item, null));
                else if (old.Metadata.ResourceVersion != item.Metadata.ResourceVersion) events.Add(new(InformerEventType.Modified, item, old));
            }

            foreach (var (key, old) in _cache)
            {
                if (!fresh.ContainsKey(key)) events.Add(new(InformerEventType.Deleted, old, old));
            }

            _cache = fresh;
            _lastResourceVersion = resourceVersion;
        }

        Interlocked.Increment(ref _lists);
        LogListed(_logger, _resource.Plural, list.Items.Count, resourceVersion);
        foreach (var e in events) _onEvent?.Invoke(e);
        _synced.TrySetResult();
        return resourceVersion;
    }

    // Returns, with how many events arrived since the list, when the server says the resourceVersion is gone (410).
    private async Task<int> WatchUntilGoneAsync(string resourceVersion, ExponentialBackoff backoff, CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            var started = _time.GetTimestamp();
            var received = 0;
            var timeout = _options.MinWatchTimeout * (1 + Random.Shared.NextDouble());
            var options = new WatchOptions
            {
                ResourceVersion = resourceVersion,
                AllowWatchBookmarks = true,
                LabelSelector = _options.LabelSelector,
                FieldSelector = _options.FieldSelector,
                TimeoutSeconds = Math.Max(1, (int)timeout.TotalSeconds),
            };
            try
            {
                await foreach (var e in _client.WatchAsync(_resource, _namespace, options, cancellationToken))
                {
                    received++;
                    if (e.Type == WatchEventType.Error)
                    {
                        var status = e.Error;
                        var code = (System.Net.HttpStatusCode)(status?.Code ?? 500);
                        var error = KubeApiException.FromStatus($"watch {_resource.Plural}", code, status, null);
                        if (error.IsGone) return total;
                        throw error;
                    }

                    total++;
                    resourceVersion = Apply(e) ?? resourceVersion;
                }

                backoff.Reset();
                if (received == 0 && _time.GetElapsedTime(started) < ShortWatch)
                {
                    throw new InvalidDataException("very short watch: the server closed it at once without any event");
                }

                LogWatchEnded(_logger, _resource.Plural, resourceVersion);
            }
            catch (KubeApiException ex) when (ex.IsGone)
            {
                return total;
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
            {
                // The connection dropped: resume from the last version seen, no relist needed.
                var delay = backoff.Next();
                LogWatchDropped(_logger, _resource.Plural, ex.Message, resourceVersion, (long)delay.TotalMilliseconds);
                await Task.Delay(delay, _time, cancellationToken);
            }
        }
    }

    // Applies one event to the cache, notifies, and returns the resourceVersion it carries.
    private string? Apply(WatchEvent<T> e)
    {
        var item = e.Object!;
        var resourceVersion = item.Metadata.ResourceVersion;
        InformerEvent<T>? change = null;
        lock (_gate)
        {
            if (resourceVersion is not null) _lastResourceVersion = resourceVersion;
            if (e.Type == WatchEventType.Bookmark) return resourceVersion;
            var key = Key(item);
            _cache.TryGetValue(key, out var old);
            if (e.Type == WatchEventType.Deleted)
            {
                _cache.Remove(key);
                change = new(InformerEventType.Deleted, item, old);
            }
            else
            {
                _cache[key] = item;
                change = new(old is null ? InformerEventType.Added : InformerEventType.Modified, item, old);
            }
        }

        _onEvent?.Invoke(change);
        return resourceVersion;
    }

    private static string Key(T item) => Key(item.Metadata.Namespace, item.Metadata.Name ?? "");

    private static string Key(string? ns, string name) => string.IsNullOrEmpty(ns) ? name : $"{ns}/{name}";

    [LoggerMessage(EventId = 3211, Level = LogLevel.Debug, Message = "Listed {Resource}: {Count} objects at resourceVersion {ResourceVersion}")]
    private static partial void LogListed(ILogger logger, string resource, int count, string resourceVersion);

    [LoggerMessage(EventId = 3212, Level = LogLevel.Debug, Message = "Watch of {Resource} ended; resuming from resourceVersion {ResourceVersion}")]
    private static partial void LogWatchEnded(ILogger logger, string resource, string resourceVersion);

    [LoggerMessage(EventId = 3213, Level = LogLevel.Information, Message = "Watch of {Resource} expired (410 Gone) after resourceVersion {ResourceVersion}; relisting")]
    private static partial void LogRelisting(ILogger logger, string resource, string resourceVersion);

    [LoggerMessage(EventId = 3214, Level = LogLevel.Warning, Message = "Watch of {Resource} failed: {Error}; relisting in {DelayMs} ms")]
    private static partial void LogWatchFailed(ILogger logger, string resource, string error, long delayMs);

    [LoggerMessage(EventId = 3215, Level = LogLevel.Warning, Message = "List of {Resource} failed: {Error}; retrying in {DelayMs} ms")]
    private static partial void LogListFailed(ILogger logger, string resource, string error, long delayMs);

    [LoggerMessage(EventId = 3216, Level = LogLevel.Information, Message = "Watch of {Resource} dropped ({Error}); resuming from resourceVersion {ResourceVersion} in {DelayMs} ms")]
    private static partial void LogWatchDropped(ILogger logger, string resource, string error, string resourceVersion, long delayMs);
}
