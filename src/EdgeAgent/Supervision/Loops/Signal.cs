using System.Threading.Channels;

namespace EdgeWasm.EdgeAgent.Supervision.Loops;

/// <summary>
/// Wakes one loop. A channel of capacity 1: however many events arrive while the loop is busy, it makes one more
/// pass, so bursts collapse.
/// </summary>
internal sealed class Signal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    /// <summary>Asks for a pass. Never blocks.</summary>
    public void Notify() => _channel.Writer.TryWrite(true);

    /// <summary>Waits for <see cref="Notify"/> or until <paramref name="timeout"/> passed on <paramref name="time"/>'s clock; true when notified.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        if (_channel.Reader.TryRead(out _)) return true;
        if (timeout <= TimeSpan.Zero) return false;
        using var expiry = new CancellationTokenSource(timeout, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, expiry.Token);
        try
        {
            await _channel.Reader.ReadAsync(either.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
