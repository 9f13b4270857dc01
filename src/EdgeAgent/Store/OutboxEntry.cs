namespace EdgeWasm.EdgeAgent.Store;

/// <summary>One reported change waiting to be delivered, in sequence order.</summary>
/// <param name="Sequence">Strictly increasing, never reused, even across restarts and an emptied outbox.</param>
/// <param name="Kind">What the entry reports.</param>
/// <param name="Subject">The workload id for workload entries; null otherwise.</param>
/// <param name="Payload">JSON; its shape depends on <paramref name="Kind"/>.</param>
/// <param name="CreatedAt">When the change was recorded.</param>
internal sealed record OutboxEntry(long Sequence, OutboxKind Kind, string? Subject, string Payload, DateTimeOffset CreatedAt);
