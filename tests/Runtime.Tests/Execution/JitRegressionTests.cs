using EdgeWasm.TestSupport;

namespace EdgeWasm.Runtime.Tests.Execution;

/// <summary>Patterns the .NET JIT once compiled wrongly from our IL (found by differential testing against V8).</summary>
public sealed class JitRegressionTests : IDisposable
{
    private readonly Engine _engine = new();
    private readonly Store _store;
    private readonly Instance _instance;

    public JitRegressionTests()
    {
        _store = new Store(_engine);
        _instance = new Linker(_engine).Instantiate(_store, Module.FromFile(_engine, Fixtures.Wasm("jit-regressions")));
    }

    public void Dispose()
    {
        _store.Dispose();
        _engine.Dispose();
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(3, 0)]
    [InlineData(-1, 0)]
    public void RotateThenTestForZero_UsesTheRotatedValue(int input, int isZero)
    {
        Assert.Equal(isZero, _instance.GetFunction<int, int>("rotl32_is_zero")!(input));
        Assert.Equal(isZero, _instance.GetFunction<int, int>("rotr32_is_zero")!(input));
        Assert.Equal(isZero, _instance.GetFunction<long, int>("rotl64_is_zero")!(input));
        Assert.Equal(1 - isZero, _instance.GetFunction<long, int>("rotr64_branch")!(input == 0 ? 0 : 2));
    }
}
