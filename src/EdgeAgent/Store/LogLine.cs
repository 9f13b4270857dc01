namespace EdgeWasm.EdgeAgent.Store;

/// <summary>One line a workload wrote, without its newline.</summary>
internal sealed record LogLine(DateTimeOffset Timestamp, LogStream Stream, string Text);
