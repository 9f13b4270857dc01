using EdgeWasm.Runtime;

namespace EdgeWasm.EdgeAgent.Supervision.Running;

/// <summary>
/// A workload's CPU share as a token bucket of fuel, filled at <c>rate</c> fuel per second up to <c>rate × burst</c>.
/// The store starts with a full bucket; whenever the guest empties it, the engine asks <see cref="Refill"/> (on the
/// guest thread) for what accrued since the last refill, capped at the bucket's depth. A guest that mostly sleeps
/// finds the bucket full again when it wakes. A guest that keeps burning faster than its rate gets ever smaller
/// refills; once a refill would be under 10 ms worth of its share, the bucket answers 0 and the engine traps with
/// OutOfFuel, which the supervisor reports as FuelExhausted. So the share is enforced by stopping, not by throttling:
/// a spinner shows its limit instead of running slowly forever (docs/agent.md explains the choice).
/// </summary>
/// <remarks>
/// The level is only looked at when the guest runs dry, so idle time counts up to the cap at that moment rather than
/// continuously: after an idle spell the guest may get up to one bucket more than an exact bucket would give. The
/// error is bounded by the burst and keeps the hot path free of clock reads.
/// </remarks>
internal sealed class FuelBucket
{
    private readonly double _rate;
    private readonly long _capacity;
    private readonly long _smallestRefill;
    private readonly TimeProvider _time;
    private long _lastRefill;

    /// <summary>A full bucket for a share of <paramref name="fuelPerSecond"/> with <paramref name="burst"/> of depth.</summary>
    public FuelBucket(long fuelPerSecond, TimeSpan burst, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fuelPerSecond, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(burst, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(time);
        _rate = fuelPerSecond;
        _capacity = (long)Math.Min(long.MaxValue / 2.0, Math.Max(1, fuelPerSecond * burst.TotalSeconds));
        _smallestRefill = Math.Max(1, fuelPerSecond / 100);
        _time = time;
        _lastRefill = time.GetTimestamp();
    }

    /// <summary>The bucket's depth: the fuel a store starts with.</summary>
    public ulong Capacity => (ulong)_capacity;

    /// <summary>Refills done so far (for tests and diagnostics).</summary>
    public int Refills { get; private set; }

    /// <summary>The engine's <see cref="Runtime.Store.OnFuelExhausted"/> hook: what accrued since the last refill, or 0 when it is under 10 ms worth.</summary>
    public ulong Refill(Runtime.Store store)
    {
        var now = _time.GetTimestamp();
        var accrued = _time.GetElapsedTime(_lastRefill, now).TotalSeconds * _rate;
        _lastRefill = now;
        var grant = (long)Math.Min(accrued, _capacity);
        if (grant < _smallestRefill) return 0;
        Refills++;
        return (ulong)grant;
    }
}
