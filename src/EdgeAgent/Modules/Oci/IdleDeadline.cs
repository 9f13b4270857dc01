namespace EdgeWasm.EdgeAgent.Modules.Oci;

/// <summary>
/// A cancellation that fires when an exchange makes no progress for a while: each <see cref="Touch"/> (a chunk of body
/// arrived) pushes it back, so a large module on a slow link is not cut off while a silent registry still is.
/// </summary>
internal sealed class IdleDeadline : IDisposable
{
    private readonly CancellationTokenSource _timer;
    private readonly CancellationTokenSource _linked;
    private readonly TimeSpan _idle;

    /// <summary>Starts the clock.</summary>
    public IdleDeadline(TimeSpan idle, TimeProvider time, CancellationToken cancellationToken)
    {
        _idle = idle;
        _timer = new CancellationTokenSource(idle, time);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _timer.Token);
    }

    /// <summary>Cancelled by the caller's token or by silence.</summary>
    public CancellationToken Token => _linked.Token;

    /// <summary>Whether silence (not the caller) cancelled it.</summary>
    public bool Expired => _timer.IsCancellationRequested;

    /// <summary>Progress was made: restart the idle clock.</summary>
    public void Touch() => _timer.CancelAfter(_idle);

    /// <inheritdoc />
    public void Dispose()
    {
        _linked.Dispose();
        _timer.Dispose();
    }
}
