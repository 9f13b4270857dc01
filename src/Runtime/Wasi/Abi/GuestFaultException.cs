namespace EdgeWasm.Runtime.Wasi.Abi;

/// <summary>A guest pointer or length ran outside linear memory. Never leaves the WASI layer: it becomes EFAULT.</summary>
internal sealed class GuestFaultException : Exception
{
    /// <summary>Creates the exception for the range that did not fit.</summary>
    public GuestFaultException(ulong pointer, ulong length, int memoryLength)
        : base($"guest range [{pointer}, {pointer + length}) is outside linear memory of {memoryLength} bytes")
    {
    }

    /// <summary>Creates the exception.</summary>
    public GuestFaultException() : base("guest range is outside linear memory")
    {
    }

    /// <summary>Creates the exception.</summary>
    public GuestFaultException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public GuestFaultException(string message, Exception inner) : base(message, inner)
    {
    }
}
