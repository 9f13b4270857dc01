namespace EdgeWasm.CloudBridge.Reconcile;

/// <summary>
/// Tells subscribers which key (a node or device) changed. Handlers run on the publisher's thread and must only
/// queue work (a <see cref="KeyedWorkQueue.Add"/>), never do it.
/// </summary>
internal sealed class ChangeFeed
{
    private readonly Lock _gate = new();
    private Action<string>[] _handlers = [];

    /// <summary>Calls <paramref name="handler"/> for every change until the result is disposed.</summary>
    public IDisposable Subscribe(Action<string> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_gate) _handlers = [.. _handlers, handler];
        return new Subscription(this, handler);
    }

    /// <summary>Announces a change of <paramref name="key"/>.</summary>
    public void Publish(string key)
    {
        foreach (var handler in Volatile.Read(ref _handlers)) handler(key);
    }

    private void Remove(Action<string> handler)
    {
        lock (_gate) _handlers = [.. _handlers.Where(h => h != handler)];
    }

    private sealed class Subscription(ChangeFeed feed, Action<string> handler) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) feed.Remove(handler);
        }
    }
}
