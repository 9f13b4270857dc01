using EdgeWasm.Runtime.Errors;
using EdgeWasm.TestSupport;

namespace EdgeWasm.Runtime.Tests.Execution;

public sealed class LinkingTests : IDisposable
{
    private readonly Engine _engine = new();
    private readonly Store _store;

    public LinkingTests() => _store = new Store(_engine);

    public void Dispose()
    {
        _store.Dispose();
        _engine.Dispose();
    }

    [Fact]
    public void MissingImport_IsALinkErrorNamingIt()
    {
        var error = Assert.Throws<WasmLinkException>(() => new Linker(_engine).Instantiate(_store, Module.FromFile(_engine, Fixtures.Wasm("host-calls"))));

        Assert.Equal("host", error.ImportModule);
        Assert.Equal("add", error.ImportName);
        Assert.Contains("unknown import: host.add", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ImportOfTheWrongType_IsALinkErrorSayingWhy()
    {
        var linker = new Linker(_engine);
        linker.DefineFunction("host", "add", (long a, long b) => a + b);

        var error = Assert.Throws<WasmLinkException>(() => linker.Instantiate(_store, Module.FromFile(_engine, Fixtures.Wasm("host-calls"))));
        Assert.Contains("incompatible import type for host.add", error.Message, StringComparison.Ordinal);
        Assert.Contains("[i64 i64] -> [i64]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Define_Twice_NeedsShadowing()
    {
        var linker = new Linker(_engine);
        linker.DefineFunction("m", "f", () => 1);

        Assert.Throws<ArgumentException>(() => linker.DefineFunction("m", "f", () => 2));
        linker.AllowShadowing = true;
        linker.DefineFunction("m", "f", () => 2);
    }

    [Fact]
    public void ExportsOfOneInstance_LinkIntoAnother_AndCallsSwitchInstance()
    {
        var linker = new Linker(_engine);
        var compute = linker.Instantiate(_store, Module.FromFile(_engine, Fixtures.Wasm("compute")));
        linker.DefineFunction("host", "add", (int a, int b) => a + b);
        linker.DefineFunction("host", "fail", () => { });
        // host.reenter is compute's "depth": a wasm function of another instance, imported directly.
        linker.Define("host", "reenter", compute.GetFunction("depth")!);
        linker.DefineFunction("host", "log", (int _, int _) => { });

        var hostCalls = linker.Instantiate(_store, Module.FromFile(_engine, Fixtures.Wasm("host-calls")));
        // compute's depth(5) runs with compute's context although host-calls called it.
        Assert.Equal(5, hostCalls.GetFunction<int, int>("call_reenter")!(5));
    }

    [Fact]
    public void MemoryImport_FollowsTheSpecsLimitSubtyping()
    {
        const string Source = "(module (import \"env\" \"memory\" (memory 2 4)))";
        var module = Module.FromBytes(_engine, Wat.Compile(Source));
        var linker = new Linker(_engine) { AllowShadowing = true };

        linker.Define("env", "memory", new Memory(_store, 1, 4));
        Assert.Throws<WasmLinkException>(() => linker.Instantiate(_store, module));
        linker.Define("env", "memory", new Memory(_store, 2));
        Assert.Contains("maximum", Assert.Throws<WasmLinkException>(() => linker.Instantiate(_store, module)).Message, StringComparison.Ordinal);
        linker.Define("env", "memory", new Memory(_store, 3, 4));
        linker.Instantiate(_store, module);
    }

    [Fact]
    public void ItemsOfAnotherStore_DoNotLink()
    {
        using var other = new Store(_engine);
        var linker = new Linker(_engine);
        linker.Define("env", "memory", new Memory(other, 2, 4));

        var error = Assert.Throws<WasmLinkException>(() => linker.Instantiate(_store, Module.FromBytes(_engine, Wat.Compile("(module (import \"env\" \"memory\" (memory 2 4)))"))));
        Assert.Contains("another store", error.Message, StringComparison.Ordinal);
    }
}
