namespace EdgeWasm.Runtime.Errors;

/// <summary>The module decodes but breaks a validation rule (the spec's "invalid").</summary>
public sealed class WasmValidationException : WasmException
{
    /// <summary>Creates the exception; the message names the offset, section and function.</summary>
    public WasmValidationException(string reason, long offset, string? section = null, int? functionIndex = null)
        : base(WasmDecodeException.Format(reason, offset, section, functionIndex))
    {
        Reason = reason;
        Offset = offset;
        Section = section;
        FunctionIndex = functionIndex;
    }

    /// <summary>Which rule was broken, e.g. "type mismatch".</summary>
    public string Reason { get; }

    /// <summary>Byte offset in the module of the offending construct.</summary>
    public long Offset { get; }

    /// <summary>The section that holds it (e.g. "code"), if any.</summary>
    public string? Section { get; }

    /// <summary>The function index (imports included), when inside a function body.</summary>
    public int? FunctionIndex { get; }
}
