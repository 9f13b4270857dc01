using EdgeWasm.TestSupport;

namespace EdgeWasm.Runtime.Tests.Execution;

/// <summary>Typed delegates and typed host functions with funcref (<see cref="Func"/>) and externref (object).</summary>
public sealed class TypedReferenceTests : IDisposable
{
    private readonly Engine _engine = new();
    private readonly Store _store;
    private readonly Instance _instance;

    public TypedReferenceTests()
    {
        _store = new Store(_engine);
        var linker = new Linker(_engine);
        linker.DefineFunction("host", "pick", (object? value, int keep) => keep != 0 ? value : null);
        linker.DefineFunction("host", "make", (Caller caller) => caller.GetFunction("seven")!);
        _instance = linker.Instantiate(_store, Module.FromFile(_engine, Fixtures.Wasm("refs")));
    }

    public void Dispose()
    {
        _store.Dispose();
        _engine.Dispose();
    }

    [Fact]
    public void ExternRef_PassesThroughTheGuestAndTheHostUnchanged()
    {
        var token = new object();

        Assert.Same(token, _instance.GetFunction<object, object>("echo")!(token));
        Assert.Same(token, _instance.GetFunction<object, object>("via_host")!(token));
        Assert.Null(_instance.GetFunction<object?, object?>("echo")!(null));
    }

    [Fact]
    public void FuncRef_FromTheHost_IsCallableByTheGuest() => Assert.Equal(7, _instance.GetFunction<int>("call_made")!());

    [Fact]
    public void FuncRef_FromTheGuest_IsCallableByTheHost()
    {
        var seven = _instance.GetFunction<Func>("seven_ref")!();

        Assert.Equal(7, seven.Invoke()[0].AsInt32());
        Assert.Same(_instance.GetFunction("seven"), seven);
    }

    [Fact]
    public void TypedCall_FromAThreadWithATinyStack_MovesToAGuestThread()
    {
        var echo = _instance.GetFunction<object, object>("echo")!;
        var token = new object();
        object? result = null;
        var thread = new Thread(() => result = echo(token), 128 * 1024);
        thread.Start();
        thread.Join();

        Assert.Same(token, result);
    }
}
