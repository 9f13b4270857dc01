namespace EdgeWasm.CloudBridge.Kubernetes.Flow;

/// <summary>
/// Exponential backoff with jitter, like client-go's wait.Backoff: each delay is the current step plus up to
/// <c>jitter</c> × step at random, and the step doubles up to the cap. Not thread-safe: one per retry loop.
/// </summary>
internal sealed class ExponentialBackoff
{
    private readonly TimeSpan _initial;
    private readonly TimeSpan _max;
    private readonly double _jitter;
    private readonly Random _random;
    private TimeSpan _step;

    /// <summary>Starts at <paramref name="initial"/>, doubling to <paramref name="max"/>.</summary>
    public ExponentialBackoff(TimeSpan initial, TimeSpan max, double jitter = 1.0, Random? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(initial, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, initial);
        ArgumentOutOfRangeException.ThrowIfNegative(jitter);
        _initial = initial;
        _max = max;
        _jitter = jitter;
        _random = random ?? Random.Shared;
        _step = initial;
    }

    /// <summary>How many delays were handed out since the last reset.</summary>
    public int Attempts { get; private set; }

    /// <summary>The next delay (never above the cap).</summary>
    public TimeSpan Next()
    {
        Attempts++;
        var delay = _step + TimeSpan.FromTicks((long)(_step.Ticks * _jitter * _random.NextDouble()));
        _step = TimeSpan.FromTicks(Math.Min(_max.Ticks, _step.Ticks * 2));
        return delay < _max ? delay : _max;
    }

    /// <summary>Back to the initial step, after a success.</summary>
    public void Reset()
    {
        Attempts = 0;
        _step = _initial;
    }
}
