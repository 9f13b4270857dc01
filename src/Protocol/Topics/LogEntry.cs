namespace EdgeWasm.Protocol.Topics;

/// <summary>One log line in a <see cref="LogsResponse"/>.</summary>
/// <param name="At">When the workload wrote it.</param>
/// <param name="Stream"><c>stdout</c> or <c>stderr</c>.</param>
/// <param name="Text">The line without its newline.</param>
public sealed record LogEntry(DateTimeOffset At, string Stream, string Text);
