namespace EdgeWasm.Runtime.Errors;

/// <summary>The bytes are not a well-formed WebAssembly binary (the spec's "malformed").</summary>
public sealed class WasmDecodeException : WasmException
{
    /// <summary>Creates the exception; the message names the offset, section and function.</summary>
    public WasmDecodeException(string reason, long offset, string? section = null, int? functionIndex = null)
        : base(Format(reason, offset, section, functionIndex))
    {
        Reason = reason;
        Offset = offset;
        Section = section;
        FunctionIndex = functionIndex;
    }

    /// <summary>What is wrong, without location, e.g. "unexpected end".</summary>
    public string Reason { get; }

    /// <summary>Byte offset in the module where decoding failed.</summary>
    public long Offset { get; }

    /// <summary>The section being decoded (e.g. "code"), if any.</summary>
    public string? Section { get; }

    /// <summary>The function index (imports included), when the error is inside a function body.</summary>
    public int? FunctionIndex { get; }

    internal static string Format(string reason, long offset, string? section, int? functionIndex)
    {
        var where = $"at offset 0x{offset:x}";
        if (section is not null) where += $" in section {section}";
        if (functionIndex is { } f) where += $", function {f}";
        return $"{reason} ({where})";
    }
}
