namespace EdgeWasm.CloudBridge.Reconcile;

/// <summary>
/// A work queue of keys, as client-go's: a key waits in the queue at most once however often it is added, and a
/// key being worked on is never handed to a second worker; added meanwhile, it is queued again when the first is
/// done. So a burst of triggers for one device collapses into one pass, and passes for one device never overlap.
/// </summary>
internal sealed class KeyedWorkQueue : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Queue<string> _queue = new();
    private readonly HashSet<string> _queued = new(StringComparer.Ordinal);
    private readonly HashSet<string> _active = new(StringComparer.Ordinal);
    private readonly HashSet<string> _dirty = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ITimer> _delayed = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _available = new(0);
    private readonly TimeProvider _time;
    private bool _disposed;

    /// <summary>A queue whose delayed adds run on <paramref name="time"/>.</summary>
    public KeyedWorkQueue(TimeProvider time) => _time = time ?? throw new ArgumentNullException(nameof(time));

    /// <summary>Keys waiting (not counting those being worked on).</summary>
    public int Count
    {
        get
        {
            lock (_gate) return _queue.Count;
        }
    }

    /// <summary>Queues <paramref name="key"/> unless it already waits.</summary>
    public void Add(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            if (_disposed) return;
            if (_active.Contains(key))
            {
                _dirty.Add(key);
                return;
            }

            if (!_queued.Add(key)) return;
            _queue.Enqueue(key);
        }

        _available.Release();
    }

    /// <summary>Queues <paramref name="key"/> after <paramref name="delay"/> (a retry); an earlier pending delay wins.</summary>
    public void AddAfter(string key, TimeSpan delay)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (delay <= TimeSpan.Zero)
        {
            Add(key);
            return;
        }

        lock (_gate)
        {
            if (_disposed || _delayed.ContainsKey(key)) return;
            _delayed[key] = _time.CreateTimer(_ => Fire(key), null, delay, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Waits for the next key; the caller must call <see cref="Done"/> with it.</summary>
    public async ValueTask<string> TakeAsync(CancellationToken cancellationToken)
    {
        await _available.WaitAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            var key = _queue.Dequeue();
            _queued.Remove(key);
            _active.Add(key);
            return key;
        }
    }

    /// <summary>Ends the work on <paramref name="key"/>; it is queued again if it was added meanwhile.</summary>
    public void Done(string key)
    {
        lock (_gate)
        {
            _active.Remove(key);
            if (!_dirty.Remove(key) || _disposed || !_queued.Add(key)) return;
            _queue.Enqueue(key);
        }

        _available.Release();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            foreach (var timer in _delayed.Values) timer.Dispose();
            _delayed.Clear();
        }

        _available.Dispose();
    }

    private void Fire(string key)
    {
        lock (_gate)
        {
            if (!_delayed.Remove(key, out var timer)) return;
            timer.Dispose();
        }

        Add(key);
    }
}
