using EdgeWasm.Runtime.Errors;
using EdgeWasm.TestSupport;

namespace EdgeWasm.Runtime.Tests.Execution;

public sealed class HostFunctionTests : IDisposable
{
    private readonly Engine _engine = new();
    private readonly Store _store;
    private readonly Linker _linker;
    private readonly Module _module;
    private Func<Caller, int, int> _reenter = static (_, x) => x;
    private Action _fail = static () => { };

    public HostFunctionTests()
    {
        _store = new Store(_engine, data: "tenant-7");
        _linker = new Linker(_engine);
        _module = Module.FromFile(_engine, Fixtures.Wasm("host-calls"));
        _linker.DefineFunction("host", "add", (int a, int b) => a + b);
        _linker.DefineFunction("host", "fail", () => _fail());
        _linker.DefineFunction("host", "reenter", (Caller caller, int x) => _reenter(caller, x));
        _linker.DefineFunction("host", "log", new FuncType([ValueKind.I32, ValueKind.I32], []), (caller, args, _) =>
            Logged.Add($"{caller.Data}: {caller.GetMemory("memory")!.ReadString(args[0].AsInt32(), args[1].AsInt32())}"));
    }

    private List<string> Logged { get; } = [];

    public void Dispose()
    {
        _store.Dispose();
        _engine.Dispose();
    }

    [Fact]
    public void TypedHostFunction_IsCalledDirectlyAndThroughATable()
    {
        var instance = _linker.Instantiate(_store, _module);

        Assert.Equal(42, instance.GetFunction<int, int, int>("add_via_host")!(40, 2));
        Assert.Equal(-1, instance.GetFunction<int, int, int>("add_indirect")!(int.MaxValue, int.MinValue));
    }

    [Fact]
    public void Caller_SeesTheStoreDataAndTheCallingInstancesMemory()
    {
        _linker.Instantiate(_store, _module).GetAction("greet")!();

        Assert.Equal(["tenant-7: hello from wasm"], Logged);
    }

    [Fact]
    public void ForeignException_BecomesAHostErrorTrap_WithItAsInnerException()
    {
        var failure = new InvalidOperationException("sensor offline");
        _fail = () => throw failure;
        var call = _linker.Instantiate(_store, _module).GetFunction("call_fail")!;

        var trap = Assert.Throws<WasmTrapException>(() => call.Invoke());
        Assert.Equal(TrapCode.HostError, trap.Code);
        Assert.Same(failure, trap.InnerException);
        Assert.Contains("sensor offline", trap.Message, StringComparison.Ordinal);
        Assert.Equal("fail_inside", trap.Backtrace[0].FunctionName);
    }

    [Fact]
    public void ExitAndTrapExceptions_PropagateAsTheyAre()
    {
        var call = _linker.Instantiate(_store, _module).GetFunction("call_fail")!;

        _fail = () => throw new WasmExitException(3);
        Assert.Equal(3, Assert.Throws<WasmExitException>(() => call.Invoke()).ExitCode);

        var own = new WasmTrapException(TrapCode.Unreachable, "host says no");
        _fail = () => throw own;
        var trap = Assert.Throws<WasmTrapException>(() => call.Invoke());
        Assert.Same(own, trap);
        Assert.Equal("fail_inside", trap.Backtrace[0].FunctionName);
    }

    [Fact]
    public void HostFunction_CanCallBackIntoTheGuest()
    {
        var instance = _linker.Instantiate(_store, _module);
        _reenter = (caller, x) => caller.GetFunction("double")!.Invoke(Value.FromInt32(x))[0].AsInt32() + 1;

        Assert.Equal(21, instance.GetFunction<int, int>("call_reenter")!(10));
    }

    [Fact]
    public void TrapInAReenteredGuest_PropagatesThroughTheHost()
    {
        var instance = _linker.Instantiate(_store, _module);
        _reenter = (caller, _) => caller.GetFunction("call_fail")!.Invoke()[0].AsInt32();
        _fail = () => throw new WasmTrapException(TrapCode.Unreachable, "deep");

        var trap = Assert.Throws<WasmTrapException>(() => instance.GetFunction("call_reenter")!.Invoke(Value.FromInt32(1)));
        Assert.Equal("deep", trap.Message);
        Assert.Equal(["fail_inside", "6"], trap.Backtrace.Select(f => f.FunctionName ?? f.FunctionIndex.ToString(System.Globalization.CultureInfo.InvariantCulture)).Take(2));
    }

    [Fact]
    public void HostFunction_ReturningTheWrongType_IsAHostError()
    {
        var linker = new Linker(_engine) { AllowShadowing = true };
        linker.DefineFunction("host", "add", new FuncType([ValueKind.I32, ValueKind.I32], [ValueKind.I32]), (_, _, results) => results[0] = Value.FromInt64(1));
        linker.DefineFunction("host", "fail", () => { });
        linker.DefineFunction("host", "reenter", (int x) => x);
        linker.DefineFunction("host", "log", (int _, int _) => { });

        var trap = Assert.Throws<WasmTrapException>(() => linker.Instantiate(_store, _module).GetFunction<int, int, int>("add_via_host")!(1, 2));
        Assert.Equal(TrapCode.HostError, trap.Code);
        Assert.Contains("returned i64 for result 0, expected i32", trap.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HostFunctions_CalledInALoop_AllRun()
    {
        var linker = new Linker(_engine);
        var calls = 0;
        linker.DefineFunction("host", "f", (int x) =>
        {
            calls++;
            return x & 1;
        });

        var loop = linker.Instantiate(_store, Module.FromFile(_engine, Fixtures.Wasm("calls"))).GetFunction<int, int>("loop")!;
        Assert.Equal(5000, loop(10_000));
        Assert.Equal(10_000, calls);
    }
}
