namespace EdgeWasm.Runtime.Errors;

/// <summary>One frame of a wasm backtrace: the function index (imports included) and its name if known.</summary>
public sealed record WasmFrame(int FunctionIndex, string? FunctionName, string? ModuleName)
{
    /// <inheritdoc />
    public override string ToString() =>
        FunctionName is null ? $"func[{FunctionIndex}]" : $"func[{FunctionIndex}] <{FunctionName}>";
}
