using EdgeWasm.Runtime.Errors;
using EdgeWasm.TestSupport;

namespace EdgeWasm.Runtime.Tests.Execution;

public sealed class BacktraceTests : IDisposable
{
    private readonly Engine _engine = new();
    private readonly Store _store;
    private readonly Instance _instance;

    public BacktraceTests()
    {
        _store = new Store(_engine);
        _instance = new Linker(_engine).Instantiate(_store, Module.FromFile(_engine, Fixtures.Wasm("compute")));
    }

    public void Dispose()
    {
        _store.Dispose();
        _engine.Dispose();
    }

    [Fact]
    public void Trap_CarriesFunctionIndicesAndNamesInnermostFirst()
    {
        var trap = Assert.Throws<WasmTrapException>(() => _instance.GetFunction("outer")!.Invoke(Value.FromInt32(0)));

        Assert.Equal(TrapCode.IntegerDivisionByZero, trap.Code);
        Assert.Equal(["inner", "middle", "outer"], trap.Backtrace.Select(f => f.FunctionName));
        Assert.Equal([8, 9, 10], trap.Backtrace.Select(f => f.FunctionIndex));
        Assert.All(trap.Backtrace, f => Assert.Equal("compute", f.ModuleName));
        Assert.Contains("0: func[8] <inner>", trap.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Trap_InTheCalledFunctionItself_HasOneFrame()
    {
        var trap = Assert.Throws<WasmTrapException>(() => _instance.GetFunction("inner")!.Invoke(Value.FromInt32(0)));

        Assert.Equal("inner", Assert.Single(trap.Backtrace).FunctionName);
    }

    [Fact]
    public void MemoryTrap_NamesTheFunction()
    {
        var trap = Assert.Throws<WasmTrapException>(() => _instance.GetFunction("load")!.Invoke(Value.FromInt32(65535)));

        Assert.Equal(TrapCode.MemoryOutOfBounds, trap.Code);
        Assert.Equal(12, Assert.Single(trap.Backtrace).FunctionIndex);
    }
}
