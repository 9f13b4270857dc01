namespace EdgeWasm.EdgeAgent.Supervision.Running;

/// <summary>The module is valid wasm but cannot run as a workload (it is not a WASI command).</summary>
internal sealed class InvalidModuleException : Exception
{
    /// <summary>Creates it.</summary>
    public InvalidModuleException(string message)
        : base(message)
    {
    }

    /// <summary>For analyzers; prefer a message.</summary>
    public InvalidModuleException()
    {
    }

    /// <summary>Creates it around the cause.</summary>
    public InvalidModuleException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
