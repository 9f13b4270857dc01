using EdgeWasm.Runtime.Wasi.Calls;

namespace EdgeWasm.Runtime.Wasi;

/// <summary>Registers <c>wasi_snapshot_preview1</c> in a <see cref="Linker"/>.</summary>
public static class WasiLinkerExtensions
{
    /// <summary>The import module name WASI preview 1 programs use.</summary>
    public const string ModuleName = WasiImports.Module;

    /// <summary>
    /// Defines all 46 WASI preview 1 functions. Each call finds its context in the store's data, which must be a
    /// <see cref="WasiContext"/> or an <see cref="IWasiHost"/>.
    /// </summary>
    public static Linker DefineWasi(this Linker linker) => linker.DefineWasi(ContextFromStoreData);

    /// <summary>
    /// Defines all 46 WASI preview 1 functions; <paramref name="contextOf"/> picks the calling instance's context.
    /// Guest pointers index the caller's exported memory named "memory" (the WASI convention). Blocking calls
    /// wait on the store's interrupt token and trap with Interrupted when it fires; proc_exit leaves as
    /// <see cref="Errors.WasmExitException"/>.
    /// </summary>
    public static Linker DefineWasi(this Linker linker, Func<Caller, WasiContext> contextOf)
    {
        ArgumentNullException.ThrowIfNull(linker);
        ArgumentNullException.ThrowIfNull(contextOf);
        foreach (var import in WasiImports.All)
        {
            var kinds = import.Type.Parameters;
            linker.DefineFunction(ModuleName, import.Name, import.Type, (caller, args, results) =>
            {
                Span<long> raw = stackalloc long[args.Length];
                for (var i = 0; i < args.Length; i++) raw[i] = kinds[i] == ValueKind.I64 ? args[i].AsInt64() : args[i].AsInt32();
                var errno = contextOf(caller).Invoke(import, GuestBytes(caller), raw, caller.Store.InterruptToken);
                if (results.Length > 0) results[0] = Value.FromInt32(errno);
            });
        }

        return linker;
    }

    // A module without an exported memory still gets the calls that take no pointers; any pointer is EFAULT.
    // Spans cannot exceed 2 GiB, so pointers beyond that in a larger memory are EFAULT too.
    private static Span<byte> GuestBytes(Caller caller)
    {
        var memory = caller.GetMemory("memory");
        if (memory is null) return [];
        return memory.Length > int.MaxValue ? memory.GetSpan(0, int.MaxValue) : memory.GetSpan();
    }

    private static WasiContext ContextFromStoreData(Caller caller) => caller.Data switch
    {
        WasiContext context => context,
        IWasiHost host => host.Wasi,
        _ => throw new InvalidOperationException("the store's data is neither a WasiContext nor an IWasiHost; pass a context selector to DefineWasi"),
    };
}
