namespace EdgeWasm.Benchmarks.Kernels;

/// <summary>A C program under bench/kernels, built for wasm32-wasi and natively.</summary>
/// <param name="Name">The file name without .c.</param>
/// <param name="Group">"compute" or "wasi" (a "// bench-group: wasi" line in the source), for separate geometric means.</param>
/// <param name="WasmPath">clang --target=wasm32-wasi -O2 output.</param>
/// <param name="NativePath">clang -O2 output.</param>
internal sealed record Kernel(string Name, string Group, string WasmPath, string NativePath);
