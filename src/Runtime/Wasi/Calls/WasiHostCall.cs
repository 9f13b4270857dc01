using EdgeWasm.Runtime.Wasi.Abi;

namespace EdgeWasm.Runtime.Wasi.Calls;

/// <summary>
/// The engine-neutral shape of a WASI import: the instance's context, its linear memory, the raw arguments (i32
/// values sign-extended to long) and the store's interrupt token; returns the errno (ignored for proc_exit).
/// </summary>
internal delegate int WasiHostCall(WasiContext context, GuestMemory memory, ReadOnlySpan<long> arguments, CancellationToken interrupt);
