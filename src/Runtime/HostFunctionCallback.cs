namespace EdgeWasm.Runtime;

/// <summary>
/// A host function called by guest code: read <paramref name="args"/>, write one value of the declared type
/// into each element of <paramref name="results"/>. Throwing <see cref="Errors.WasmTrapException"/> or
/// <see cref="Errors.WasmExitException"/> ends the guest with that error; any other exception becomes a
/// HostError trap carrying it as InnerException.
/// </summary>
public delegate void HostFunctionCallback(Caller caller, ReadOnlySpan<Value> args, Span<Value> results);
