using EdgeWasm.Runtime;

namespace EdgeWasm.Benchmarks.Micro;

/// <summary>calls.wat instantiated with its three host imports, each returning its argument plus one.</summary>
internal static class CallsModule
{
    private static readonly FuncType Unary = new([ValueKind.I32], [ValueKind.I32]);

    public static Instance Instantiate(Runtime.Engine engine, Store store)
    {
        var linker = new Linker(engine);
        linker.DefineFunction("host", "typed", (int x) => x + 1);
        linker.DefineFunction("host", "typed_caller", (Caller caller, int x) => x + 1);
        linker.DefineFunction("host", "untyped", Unary, (caller, args, results) => results[0] = Value.FromInt32(args[0].AsInt32() + 1));
        return linker.Instantiate(store, Module.FromFile(engine, Repository.Fixture("calls.wasm")));
    }
}
