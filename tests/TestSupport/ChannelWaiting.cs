using System.Threading.Channels;

namespace EdgeWasm.TestSupport;

/// <summary>Waiting in tests for an event of one type on a channel of events.</summary>
public static class ChannelWaiting
{
    /// <summary>Skips events until one of type <typeparamref name="T"/> matches, or fails after <paramref name="timeout"/> (20 s).</summary>
    public static async Task<T> NextAsync<TEvent, T>(ChannelReader<TEvent> events, Func<T, bool>? match, TimeSpan? timeout)
        where T : TEvent
    {
        ArgumentNullException.ThrowIfNull(events);
        var patience = timeout ?? TimeSpan.FromSeconds(20);
        using var cts = new CancellationTokenSource(patience);
        try
        {
            while (true)
            {
                var next = await events.ReadAsync(cts.Token);
                if (next is T hit && (match is null || match(hit))) return hit;
            }
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            throw new TimeoutException($"no {typeof(T).Name} event within {patience}");
        }
    }
}
