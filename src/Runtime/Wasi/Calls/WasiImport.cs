namespace EdgeWasm.Runtime.Wasi.Calls;

/// <summary>One function of the <c>wasi_snapshot_preview1</c> module: its name, core wasm signature and body.</summary>
internal sealed record WasiImport(string Name, FuncType Type, WasiHostCall Call);
