using EdgeWasm.Runtime.Errors;
using EdgeWasm.TestSupport;

namespace EdgeWasm.Runtime.Tests.Execution;

public sealed class FuelTests : IDisposable
{
    private readonly Engine _engine = new(new EngineOptions().WithFuel(true));
    private readonly Module _compute;

    public FuelTests() => _compute = Module.FromFile(_engine, Fixtures.Wasm("compute"));

    public void Dispose() => _engine.Dispose();

    [Fact]
    public void EachInstructionCostsOneUnit()
    {
        using var store = NewStore(1000);
        var three = new Linker(_engine).Instantiate(store, _compute).GetFunction<int>("three")!;

        Assert.Equal(3, three());
        Assert.Equal(3ul, store.FuelConsumed);
        Assert.Equal(997ul, store.GetFuel());
    }

    [Theory]
    [InlineData(20)]
    [InlineData(1000)]
    public void SameModuleAndInput_ConsumeExactlyTheSameFuel(int n)
    {
        ulong Run()
        {
            using var store = NewStore(100_000_000);
            var instance = new Linker(_engine).Instantiate(store, _compute);
            instance.GetFunction<long, long>("fib")!(n == 20 ? 20 : 15);
            instance.GetFunction<int, long>("sum")!(n);
            return store.FuelConsumed;
        }

        var first = Run();
        Assert.True(first > 0);
        for (var i = 0; i < 5; i++) Assert.Equal(first, Run());
    }

    [Fact]
    public void SumLoop_CostIsLinearInIterations()
    {
        ulong Cost(int n)
        {
            using var store = NewStore(10_000_000);
            new Linker(_engine).Instantiate(store, _compute).GetFunction<int, long>("sum")!(n);
            return store.FuelConsumed;
        }

        // Each iteration runs the same 14 instructions (4 for the exit test, 5 for the sum, 4 for the increment,
        // 1 for the branch back), so the difference between runs is exact.
        Assert.Equal(14ul * 1000, Cost(1100) - Cost(100));
    }

    [Fact]
    public void OutOfFuel_Traps_AndTheHostCanRefuelAndCallAgain()
    {
        using var store = NewStore(1000);
        var sum = new Linker(_engine).Instantiate(store, _compute).GetFunction("sum")!;

        var trap = Assert.Throws<WasmTrapException>(() => sum.Invoke(Value.FromInt32(1_000_000)));
        Assert.Equal(TrapCode.OutOfFuel, trap.Code);
        Assert.True(store.GetFuel() < 1000);
        Assert.Equal(1000ul, store.FuelConsumed + store.GetFuel());

        store.AddFuel(100_000_000);
        Assert.Equal(499_999_500_000L, sum.Invoke(Value.FromInt32(1_000_000))[0].AsInt64());
    }

    [Fact]
    public void BulkMemoryOperations_CostOneUnitPerKibibyteOnTop()
    {
        ulong Cost(int bytes)
        {
            using var store = NewStore(1_000_000);
            var fill = new Linker(_engine).Instantiate(store, _compute).GetFunction<int, int>("fill")!;
            Assert.Equal(0xAB, fill(bytes));
            return store.FuelConsumed;
        }

        Assert.Equal(64ul - 1, Cost(64 * 1024) - Cost(1024));
    }

    [Fact]
    public void FuelApi_ThrowsWhenMeteringIsOff()
    {
        using var engine = new Engine();
        using var store = new Store(engine);

        Assert.Throws<InvalidOperationException>(() => store.SetFuel(10));
        Assert.Throws<InvalidOperationException>(() => store.GetFuel());
    }

    private Store NewStore(ulong fuel)
    {
        var store = new Store(_engine);
        store.SetFuel(fuel);
        return store;
    }

    [Fact]
    public void RefusedTableGrow_CostsOnlyItsInstructions()
    {
        using var store = NewStore(1000);
        var grow = new Linker(_engine).Instantiate(store, Module.FromFile(_engine, Fixtures.Wasm("growth"))).GetFunction<int, int>("grow_table")!;

        // Beyond the table's maximum: -1, charged for its 3 instructions (ref.null, local.get, table.grow) only.
        Assert.Equal(-1, grow(-1));
        Assert.Equal(3ul, store.FuelConsumed);
    }
}
