using EdgeWasm.EdgeAgent.Store;
using EdgeWasm.Protocol.Topics;

namespace EdgeWasm.EdgeAgent.Sync;

/// <summary>The id of the store's outbox stream (see <see cref="ReportedChange.Stream"/>), shared by every cloud link.</summary>
internal static class OutboxStream
{
    /// <summary>Metadata key of the outbox stream id.</summary>
    public const string Key = "sync.stream";

    /// <summary>The stream id, made the first time.</summary>
    public static async Task<string> GetOrCreateAsync(AgentStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (await store.Metadata.GetAsync(Key, cancellationToken).ConfigureAwait(false) is { } existing) return existing;
        // A new store means new sequences from 1; a new stream id tells the cloud to start counting again.
        var created = Guid.NewGuid().ToString("N");
        await store.Metadata.SetAsync(Key, created, cancellationToken).ConfigureAwait(false);
        return created;
    }
}
