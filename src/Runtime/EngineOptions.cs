namespace EdgeWasm.Runtime;

/// <summary>
/// How an <see cref="Engine"/> compiles and runs code. Immutable: every <c>With…</c> method returns a
/// changed copy and rejects a bad value at once with <see cref="ArgumentOutOfRangeException"/>.
/// </summary>
public sealed class EngineOptions
{
    /// <summary>The smallest guest stack accepted.</summary>
    public const int MinimumGuestStackSize = 64 * 1024;

    /// <summary>The largest guest stack accepted.</summary>
    public const int MaximumGuestStackSize = 256 * 1024 * 1024;

    /// <summary>The largest call depth accepted.</summary>
    public const int MaximumCallDepth = 1_000_000;

    /// <summary>Whether each executed instruction consumes fuel (see docs/engine.md). Off by default.</summary>
    public bool ConsumeFuel { get; private init; }

    /// <summary>How many nested wasm calls may be active before a call traps with CallStackExhausted.</summary>
    public int MaxCallDepth { get; private init; } = 10_000;

    /// <summary>Native stack bytes guest code may use; guest code runs on a thread that has this much room.</summary>
    public int GuestStackSize { get; private init; } = 1024 * 1024;

    /// <summary>Whether generated code is compiled with full optimization at once (instead of tiered).</summary>
    public bool OptimizeEagerly { get; private init; } = true;

    /// <summary>The clock used for store deadlines.</summary>
    public TimeProvider TimeProvider { get; private init; } = TimeProvider.System;

    /// <summary>Turns fuel metering on or off.</summary>
    public EngineOptions WithFuel(bool enabled) => new(this) { ConsumeFuel = enabled };

    /// <summary>Sets the call depth limit (1 to <see cref="MaximumCallDepth"/>).</summary>
    public EngineOptions WithMaxCallDepth(int depth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(depth, MaximumCallDepth);
        return new(this) { MaxCallDepth = depth };
    }

    /// <summary>Sets the guest stack size in bytes (<see cref="MinimumGuestStackSize"/> to <see cref="MaximumGuestStackSize"/>).</summary>
    public EngineOptions WithGuestStackSize(int bytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bytes, MinimumGuestStackSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bytes, MaximumGuestStackSize);
        return new(this) { GuestStackSize = bytes };
    }

    /// <summary>Chooses eager full optimization (true) or the runtime's tiered compilation (false; the code is then never unloaded).</summary>
    public EngineOptions WithEagerOptimization(bool enabled) => new(this) { OptimizeEagerly = enabled };

    /// <summary>Sets the clock used for deadlines (tests pass a fake one).</summary>
    public EngineOptions WithTimeProvider(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        return new(this) { TimeProvider = timeProvider };
    }

    /// <summary>The defaults: fuel off, depth 10 000, 1 MiB guest stack, eager optimization, system clock.</summary>
    public EngineOptions()
    {
    }

    private EngineOptions(EngineOptions other)
    {
        ConsumeFuel = other.ConsumeFuel;
        MaxCallDepth = other.MaxCallDepth;
        GuestStackSize = other.GuestStackSize;
        OptimizeEagerly = other.OptimizeEagerly;
        TimeProvider = other.TimeProvider;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"fuel={(ConsumeFuel ? "on" : "off")} maxCallDepth={MaxCallDepth} guestStack={GuestStackSize} eager={OptimizeEagerly}";
}
