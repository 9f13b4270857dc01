using EdgeWasm.TestSupport;

namespace EdgeWasm.Runtime.Tests.Execution;

/// <summary>Kernels compiled from C by clang (tests/fixtures/c/kernels.c) give the results the same C gives natively.</summary>
public sealed class KernelTests : IDisposable
{
    private readonly Engine _engine = new(new EngineOptions().WithFuel(true));
    private readonly Store _store;
    private readonly Instance _instance;

    public KernelTests()
    {
        _store = new Store(_engine);
        _store.SetFuel(ulong.MaxValue >> 2);
        _instance = new Linker(_engine).Instantiate(_store, Module.FromFile(_engine, Fixtures.Wasm("kernels")));
    }

    public void Dispose()
    {
        _store.Dispose();
        _engine.Dispose();
    }

    // Expected values come from the same source built natively with clang -O2 on x86-64.
    [Fact]
    public void Fib() => Assert.Equal(75025, _instance.GetFunction<int, int>("fib")!(25));

    [Fact]
    public void MatrixMultiply_MatchesNativeBitForBit() =>
        Assert.Equal(0x40900e1afbb64c00L, BitConverter.DoubleToInt64Bits(_instance.GetFunction<int, int, double>("matmul")!(64, 7)));

    [Fact]
    public void Sieve() => Assert.Equal(78498, _instance.GetFunction<int, int>("sieve")!(1_000_000));

    [Fact]
    public void Hash() => Assert.Equal(10578260320777610021ul, (ulong)_instance.GetFunction<int, long>("hash")!(3));
}
