namespace EdgeWasm.Runtime.Errors;

/// <summary>The base of every error the engine raises about a module or its execution.</summary>
public abstract class WasmException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected WasmException(string message, Exception? inner = null) : base(message, inner) { }
}
