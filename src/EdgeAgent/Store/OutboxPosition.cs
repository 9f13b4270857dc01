namespace EdgeWasm.EdgeAgent.Store;

/// <summary>Where the outbox stands: entries <c>Acknowledged + 1 .. Last</c> are pending.</summary>
/// <param name="Last">The highest sequence ever appended (0 before the first).</param>
/// <param name="Acknowledged">Everything up to here was delivered and removed.</param>
internal readonly record struct OutboxPosition(long Last, long Acknowledged)
{
    /// <summary>How many entries wait for delivery.</summary>
    public long Pending => Last - Acknowledged;
}
