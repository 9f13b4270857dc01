namespace EdgeWasm.Runtime.Errors;

/// <summary>Instantiation failed before running anything: an import is missing or has the wrong type,
/// or a limit of the store refuses the module.</summary>
public sealed class WasmLinkException : WasmException
{
    /// <summary>Creates the exception.</summary>
    public WasmLinkException(string message, string? importModule = null, string? importName = null)
        : base(message)
    {
        ImportModule = importModule;
        ImportName = importName;
    }

    /// <summary>The module name of the import at fault, if an import is at fault.</summary>
    public string? ImportModule { get; }

    /// <summary>The field name of the import at fault, if an import is at fault.</summary>
    public string? ImportName { get; }
}
