using EdgeWasm.Runtime.Errors;
using EdgeWasm.TestSupport;

namespace EdgeWasm.Runtime.Tests.Execution;

/// <summary>Store.OnFuelExhausted: the host refills fuel on the guest thread instead of the guest trapping.</summary>
public sealed class FuelHookTests : IDisposable
{
    private readonly Engine _engine = new(new EngineOptions().WithFuel(true));
    private readonly Module _compute;

    public FuelHookTests() => _compute = Module.FromFile(_engine, Fixtures.Wasm("compute"));

    public void Dispose() => _engine.Dispose();

    [Fact]
    public void Refills_LetTheGuestFinish_AndConsumeExactlyWhatOneLargeBudgetWould()
    {
        ulong reference;
        using (var big = NewStore(100_000_000))
        {
            Assert.Equal(499_999_500_000L, Sum(big, 1_000_000));
            reference = big.FuelConsumed;
        }

        using var store = NewStore(1000);
        var calls = 0;
        store.OnFuelExhausted = s =>
        {
            Assert.Same(store, s);
            calls++;
            return 10_000;
        };

        Assert.Equal(499_999_500_000L, Sum(store, 1_000_000));
        Assert.Equal(reference, store.FuelConsumed);
        // 14 million units in refills of 10,000 (less the first 1000): one call per refill, no more.
        Assert.Equal((int)((reference - 1000 + 9_999) / 10_000), calls);
    }

    [Fact]
    public void HookAnsweringZero_TrapsWithOutOfFuel_AndLeavesTheUnusedFuelInTheStore()
    {
        using var store = NewStore(1000);
        var calls = 0;
        store.OnFuelExhausted = _ => ++calls <= 3 ? 500ul : 0ul;

        var trap = Assert.Throws<WasmTrapException>(() => Sum(store, 1_000_000));

        Assert.Equal(TrapCode.OutOfFuel, trap.Code);
        Assert.Equal(4, calls);
        Assert.Equal(2500ul, store.FuelConsumed + store.GetFuel());
        Assert.True(store.GetFuel() < 14, "at most one loop iteration's worth is left unused");
    }

    [Fact]
    public void HookRunsOnTheGuestThread()
    {
        using var store = NewStore(100);
        var threads = new HashSet<int>();
        store.OnFuelExhausted = _ =>
        {
            threads.Add(Environment.CurrentManagedThreadId);
            return 1000;
        };
        var guestThread = 0;
        var thread = new Thread(() =>
        {
            guestThread = Environment.CurrentManagedThreadId;
            Sum(store, 10_000);
        }, 4 << 20);

        thread.Start();
        thread.Join();

        Assert.Equal([guestThread], threads);
    }

    [Fact]
    public void HookThatThrows_EndsTheGuestAsHostError_WithTheCause()
    {
        using var store = NewStore(100);
        store.OnFuelExhausted = _ => throw new InvalidOperationException("quota service down");

        var trap = Assert.Throws<WasmTrapException>(() => Sum(store, 1_000_000));

        Assert.Equal(TrapCode.HostError, trap.Code);
        Assert.IsType<InvalidOperationException>(trap.InnerException);
        Assert.Contains("quota service down", trap.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BulkOperationsAndHostCharges_AskTheHookToo()
    {
        using var store = NewStore(10);
        var calls = 0;
        store.OnFuelExhausted = _ =>
        {
            calls++;
            return 40;
        };
        var fill = new Linker(_engine).Instantiate(store, _compute).GetFunction<int, int>("fill")!;

        Assert.Equal(0xAB, fill(64 * 1024));
        Assert.True(calls >= 1);

        var linker = new Linker(_engine);
        linker.DefineFunction("env", "work", (Caller caller) => caller.ConsumeFuel(1000));
        var hostCalls = calls;
        using var other = NewStore(10);
        other.OnFuelExhausted = _ =>
        {
            calls++;
            return 600;
        };
        var work = linker.Instantiate(other, Module.FromBytes(_engine, ImportWork())).GetAction("run")!;
        work();
        Assert.Equal(hostCalls + 2, calls);
    }

    private long Sum(Store store, int n) =>
        new Linker(_engine).Instantiate(store, _compute).GetFunction<int, long>("sum")!(n);

    private Store NewStore(ulong fuel)
    {
        var store = new Store(_engine);
        store.SetFuel(fuel);
        return store;
    }

    // (module (import "env" "work" (func)) (func (export "run") (call 0)))
    private static byte[] ImportWork() =>
    [
        0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00,
        0x01, 0x04, 0x01, 0x60, 0x00, 0x00,
        0x02, 0x0C, 0x01, 0x03, (byte)'e', (byte)'n', (byte)'v', 0x04, (byte)'w', (byte)'o', (byte)'r', (byte)'k', 0x00, 0x00,
        0x03, 0x02, 0x01, 0x00,
        0x07, 0x07, 0x01, 0x03, (byte)'r', (byte)'u', (byte)'n', 0x00, 0x01,
        0x0A, 0x06, 0x01, 0x04, 0x00, 0x10, 0x00, 0x0B,
    ];
}
