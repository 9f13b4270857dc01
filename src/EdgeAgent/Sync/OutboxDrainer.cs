using EdgeWasm.EdgeAgent.Store;
using Microsoft.Extensions.Logging;

namespace EdgeWasm.EdgeAgent.Sync;

/// <summary>
/// Delivers the outbox in sequence order with a window of unacknowledged publishes, and acknowledges entries in the
/// store only up to the longest prefix the broker has acknowledged. After a restart it starts again after the last
/// acknowledged entry, so an entry published but not acknowledged before a crash goes out again: the cloud drops
/// the duplicate by sequence. Reconnects within a process need nothing special: the MQTT client keeps unacknowledged
/// publishes and sends them again, in order, after the next CONNACK.
/// </summary>
internal sealed class OutboxDrainer(
    Outbox outbox,
    Func<OutboxEntry, CancellationToken, Task> publish,
    int window,
    TimeSpan retryDelay,
    TimeProvider time,
    ILogger logger)
{
    private readonly Queue<(long Sequence, Task Publish)> _inflight = new();
    private long _delivered;
    private long _sent;
    private int _failures;

    /// <summary>Everything up to this sequence was acknowledged by the broker and removed from the outbox.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Drains until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var position = await outbox.GetPositionAsync(cancellationToken).ConfigureAwait(false);
        Interlocked.Exchange(ref _delivered, position.Acknowledged);
        _sent = position.Acknowledged;
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var fetched = await FillWindowAsync(cancellationToken).ConfigureAwait(false);
                if (_inflight.Count == 0)
                {
                    await outbox.WaitForEntriesAsync(_sent, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (_inflight.Count >= window)
                {
                    await Task.WhenAny(_inflight.Peek().Publish).ConfigureAwait(false);
                }
                else if (fetched == 0)
                {
                    // Room in the window but nothing new: wait for the oldest publish or for new entries.
                    using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    var more = outbox.WaitForEntriesAsync(_sent, stopWaiting.Token);
                    await Task.WhenAny(_inflight.Peek().Publish, more).ConfigureAwait(false);
                    await stopWaiting.CancelAsync().ConfigureAwait(false);
                    await Settled(more).ConfigureAwait(false);
                }

                await AcknowledgeCompletedAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            // Publishes still in flight at shutdown fail when the client goes; nobody else will look at them.
            foreach (var (_, task) in _inflight) Observe(task);
        }
    }

    private async Task<int> FillWindowAsync(CancellationToken cancellationToken)
    {
        var room = window - _inflight.Count;
        if (room <= 0) return 0;
        var entries = await outbox.PeekAsync(room, _sent, cancellationToken).ConfigureAwait(false);
        foreach (var entry in entries)
        {
            _inflight.Enqueue((entry.Sequence, publish(entry, cancellationToken)));
            _sent = entry.Sequence;
        }

        return entries.Count;
    }

    private async Task AcknowledgeCompletedAsync(CancellationToken cancellationToken)
    {
        long? upTo = null;
        Task? failed = null;
        while (_inflight.TryPeek(out var oldest) && oldest.Publish.IsCompleted)
        {
            if (!oldest.Publish.IsCompletedSuccessfully)
            {
                failed = oldest.Publish;
                break;
            }

            _failures = 0;
            upTo = _inflight.Dequeue().Sequence;
        }

        if (upTo is { } acknowledged)
        {
            await outbox.AcknowledgeAsync(acknowledged, cancellationToken).ConfigureAwait(false);
            Interlocked.Exchange(ref _delivered, acknowledged);
        }

        if (failed is not null)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await RestartFromAsync(_inflight.Peek().Sequence, failed, cancellationToken).ConfigureAwait(false);
        }
    }

    // The broker refused a publish (or it was lost): let the others settle, pause, and send everything again from
    // the first unacknowledged entry. Stopping there, rather than skipping it, keeps the order.
    private async Task RestartFromAsync(long sequence, Task failed, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromTicks(Math.Min(retryDelay.Ticks << Math.Min(_failures++, 6), TimeSpan.FromMinutes(2).Ticks));
        SyncLog.DrainFailed(logger, failed.Exception?.GetBaseException() ?? new TaskCanceledException(), sequence, sequence, delay);
        var pending = _inflight.Select(i => i.Publish).ToArray();
        _inflight.Clear();
        foreach (var task in pending) Observe(task);
        await Settled(Task.WhenAll(pending)).WaitAsync(cancellationToken).ConfigureAwait(false);
        _sent = sequence - 1;
        await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
    }

    // Completes when the task does, however it ends.
    private static Task Settled(Task task) =>
        task.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private static void Observe(Task task) =>
        task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
}
