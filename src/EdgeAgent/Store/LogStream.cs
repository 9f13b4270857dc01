namespace EdgeWasm.EdgeAgent.Store;

/// <summary>Which guest stream a log line came from.</summary>
internal enum LogStream
{
    /// <summary>fd 1.</summary>
    Stdout = 1,

    /// <summary>fd 2.</summary>
    Stderr = 2,
}
