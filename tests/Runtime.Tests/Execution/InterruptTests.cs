using System.Diagnostics;
using EdgeWasm.Runtime.Errors;
using EdgeWasm.TestSupport;
using Xunit.Abstractions;

namespace EdgeWasm.Runtime.Tests.Execution;

public sealed class InterruptTests(ITestOutputHelper output) : IDisposable
{
    private readonly Engine _engine = new();

    public void Dispose() => _engine.Dispose();

    [Fact]
    public void Interrupt_FromAnotherThread_StopsAnEndlessLoopWithFuelOff()
    {
        using var store = new Store(_engine);
        var spin = Instantiate(store).GetFunction("spin")!;
        long interruptedAt = 0;
        using var started = new ManualResetEventSlim();
        var interrupter = new Thread(() =>
        {
            started.Wait();
            Thread.Sleep(100);
            interruptedAt = Stopwatch.GetTimestamp();
            store.Interrupt();
        });
        interrupter.Start();

        started.Set();
        var trap = Assert.Throws<WasmTrapException>(() => spin.Invoke());
        var latency = Stopwatch.GetElapsedTime(interruptedAt);
        interrupter.Join();

        Assert.Equal(TrapCode.Interrupted, trap.Code);
        Assert.Contains(trap.Backtrace, f => f.FunctionName == "spin");
        // Reported, not asserted tightly: this machine is shared and its timing noisy.
        output.WriteLine($"interrupt latency: {latency.TotalMilliseconds:F3} ms");
        Assert.True(latency < TimeSpan.FromSeconds(5), $"the guest stopped {latency.TotalMilliseconds} ms after the interrupt");
    }

    [Fact]
    public void Interrupt_StopsDeepRecursionWithoutLoops()
    {
        using var store = new Store(_engine);
        var busy = Instantiate(store).GetFunction("busy")!;
        using var timer = new Timer(_ => store.Interrupt(), null, 100, Timeout.Infinite);

        // 2^40 calls would take hours; only the check at function entry can stop it.
        var trap = Assert.Throws<WasmTrapException>(() => busy.Invoke(Value.FromInt32(40)));
        Assert.Equal(TrapCode.Interrupted, trap.Code);
    }

    [Theory]
    [InlineData("spin")]
    [InlineData("busy")]
    public void Interrupt_WithFuelOn_StopsLoopsAndRecursion(string function)
    {
        // With fuel on, a loop header has one check for fuel and interruption together (the interrupt raises the floor
        // the fuel is compared with), and function entry one check for stack and interruption.
        using var engine = new Engine(new EngineOptions().WithFuel(true));
        using var store = new Store(engine);
        store.SetFuel(long.MaxValue);
        var run = new Linker(engine).Instantiate(store, Module.FromFile(engine, Fixtures.Wasm("compute"))).GetFunction(function)!;
        using var timer = new Timer(_ => store.Interrupt(), null, 100, Timeout.Infinite);

        var trap = Assert.Throws<WasmTrapException>(() => run.Invoke(function == "busy" ? [Value.FromInt32(40)] : []));

        Assert.Equal(TrapCode.Interrupted, trap.Code);
        Assert.True(store.FuelConsumed > 0);
        Assert.Equal((ulong)long.MaxValue, store.FuelConsumed + store.GetFuel());
    }

    [Fact]
    public void InterruptedStore_WithFuelOn_TrapsAtOnce_AndRunsAgainAfterReset()
    {
        using var engine = new Engine(new EngineOptions().WithFuel(true));
        using var store = new Store(engine);
        store.SetFuel(1_000_000);
        var sum = new Linker(engine).Instantiate(store, Module.FromFile(engine, Fixtures.Wasm("compute"))).GetFunction<int, long>("sum")!;
        store.Interrupt();

        Assert.Equal(TrapCode.Interrupted, Assert.Throws<WasmTrapException>(() => sum(10)).Code);
        // Interrupted at function entry, before the first segment was charged.
        Assert.Equal(0ul, store.FuelConsumed);

        store.ResetInterrupt();
        Assert.Equal(45L, sum(10));
        Assert.True(store.FuelConsumed > 0);
    }

    [Fact]
    public void Deadline_OnTheEngineClock_InterruptsWhenItPasses()
    {
        var clock = new FakeTimeProvider();
        using var engine = new Engine(new EngineOptions().WithTimeProvider(clock));
        using var store = new Store(engine);
        var spin = new Linker(engine).Instantiate(store, Module.FromFile(engine, Fixtures.Wasm("compute"))).GetFunction("spin")!;
        store.SetDeadline(TimeSpan.FromSeconds(5));
        var token = store.InterruptToken;

        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.False(store.IsInterrupted);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(store.IsInterrupted);
        Assert.True(token.IsCancellationRequested);
        Assert.Equal(TrapCode.Interrupted, Assert.Throws<WasmTrapException>(() => spin.Invoke()).Code);
    }

    [Fact]
    public void Deadline_FromACancellationToken_Interrupts()
    {
        using var store = new Store(_engine);
        var spin = Instantiate(store).GetFunction("spin")!;
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        store.SetDeadline(cancellation.Token);

        Assert.Equal(TrapCode.Interrupted, Assert.Throws<WasmTrapException>(() => spin.Invoke()).Code);
    }

    [Fact]
    public void InterruptedStore_StaysInterruptedUntilReset()
    {
        using var store = new Store(_engine);
        var sum = Instantiate(store).GetFunction<int, long>("sum")!;
        store.Interrupt();

        Assert.Equal(TrapCode.Interrupted, Assert.Throws<WasmTrapException>(() => sum(10)).Code);
        Assert.True(store.InterruptToken.IsCancellationRequested);

        store.ResetInterrupt();
        Assert.False(store.InterruptToken.IsCancellationRequested);
        Assert.Equal(45L, sum(10));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Interrupt_DuringAHostCall_StopsTheGuestItCallsBackInto(bool fuel)
    {
        // Entering guest code again from a host function sets a new stack limit; the interrupt raised the stack guard
        // before that, so the nested entry must still see it (ExecutionState.SetStackLimit).
        using var engine = new Engine(new EngineOptions().WithFuel(fuel));
        using var store = new Store(engine);
        if (fuel) store.SetFuel(1_000_000);
        var doubled = -1;
        var linker = new Linker(engine);
        linker.DefineFunction("host", "add", (int a, int b) => a + b);
        linker.DefineFunction("host", "fail", () => { });
        linker.DefineFunction("host", "log", (int _, int _) => { });
        linker.DefineFunction("host", "reenter", (Caller caller, int x) =>
        {
            store.Interrupt();
            doubled = caller.GetFunction("double")!.Invoke(Value.FromInt32(x))[0].AsInt32();
            return doubled;
        });
        var instance = linker.Instantiate(store, Module.FromFile(engine, Fixtures.Wasm("host-calls")));

        var trap = Assert.Throws<WasmTrapException>(() => instance.GetFunction("call_reenter")!.Invoke(Value.FromInt32(4)));

        Assert.Equal(TrapCode.Interrupted, trap.Code);
        Assert.Equal(-1, doubled);
        store.ResetInterrupt();
        Assert.Equal(8, instance.GetFunction<int, int>("double")!(4));
    }

    private Instance Instantiate(Store store) =>
        new Linker(_engine).Instantiate(store, Module.FromFile(_engine, Fixtures.Wasm("compute")));
}
