namespace EdgeWasm.EdgeAgent.Store;

/// <summary>The store cannot be opened or used as it is (a newer schema, a failed integrity check, a bad path).</summary>
internal sealed class StoreException : Exception
{
    /// <summary>Creates it with a message that says what to do.</summary>
    public StoreException(string message)
        : base(message)
    {
    }

    /// <summary>Creates it around the SQLite error that caused it.</summary>
    public StoreException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
