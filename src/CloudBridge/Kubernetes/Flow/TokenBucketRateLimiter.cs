namespace EdgeWasm.CloudBridge.Kubernetes.Flow;

/// <summary>
/// client-go's token bucket (flowcontrol.NewTokenBucketRateLimiter): <c>qps</c> tokens per second, at most
/// <c>burst</c> saved up. A waiter reserves a token at once and sleeps until it is due, so waiters are served in
/// arrival order. Qps of zero or less means no limit.
/// </summary>
internal sealed class TokenBucketRateLimiter
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly double _qps;
    private readonly int _burst;
    private double _tokens;
    private long _last;

    /// <summary>A full bucket.</summary>
    public TokenBucketRateLimiter(double qps, int burst, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (qps > 0) ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        _qps = qps;
        _burst = burst;
        _time = time;
        _tokens = burst;
        _last = time.GetTimestamp();
    }

    /// <summary>Tokens available now (negative when waiters hold reservations).</summary>
    public double Available
    {
        get
        {
            lock (_gate)
            {
                Refill();
                return _tokens;
            }
        }
    }

    /// <summary>Takes a token if one is available now.</summary>
    public bool TryAcquire()
    {
        if (_qps <= 0) return true;
        lock (_gate)
        {
            Refill();
            if (_tokens < 1) return false;
            _tokens -= 1;
            return true;
        }
    }

    /// <summary>Waits for a token. On cancellation the reservation is given back.</summary>
    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        if (_qps <= 0) return;
        TimeSpan wait;
        lock (_gate)
        {
            Refill();
            _tokens -= 1;
            wait = _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / _qps);
        }

        if (wait <= TimeSpan.Zero) return;
        try
        {
            await Task.Delay(wait, _time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            lock (_gate) _tokens = Math.Min(_burst, _tokens + 1);
            throw;
        }
    }

    private void Refill()
    {
        var now = _time.GetTimestamp();
        var elapsed = _time.GetElapsedTime(_last, now);
        _last = now;
        _tokens = Math.Min(_burst, _tokens + elapsed.TotalSeconds * _qps);
    }
}
