using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.EdgeAgent.Store;

/// <summary>
/// Image references and the module blob each resolved to, so a pull by tag or by digest can be served from the
/// cache without the registry. A resolution disappears with its blob when the blob is evicted.
/// </summary>
internal sealed class ImageResolutionStore
{
    private readonly StoreDatabase _database;

    internal ImageResolutionStore(StoreDatabase database) => _database = database;

    /// <summary>Records that every one of <paramref name="references"/> resolves to the manifest and blob given.</summary>
    /// <exception cref="KeyNotFoundException">The blob is not stored (it may have just been evicted).</exception>
    public Task RecordAsync(IReadOnlyCollection<string> references, ContentDigest manifestDigest, ContentDigest blobDigest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(references);
        // NORMAL: losing a resolution costs one registry round trip later, nothing more.
        return _database.WriteAsync(Durability.Normal, tx =>
        {
            if (tx.Scalar("SELECT 1 FROM blobs WHERE digest = $d", ("$d", blobDigest.Value)) is null)
            {
                throw new KeyNotFoundException($"blob {blobDigest} is not stored, so no reference can resolve to it");
            }

            foreach (var reference in references)
            {
                ArgumentException.ThrowIfNullOrEmpty(reference, nameof(references));
                tx.Execute(
                    """
                    INSERT INTO image_refs (reference, manifest_digest, blob_digest, resolved_at) VALUES ($r, $m, $b, $at)
                    ON CONFLICT (reference) DO UPDATE SET manifest_digest = excluded.manifest_digest, blob_digest = excluded.blob_digest, resolved_at = excluded.resolved_at
                    """,
                    ("$r", reference), ("$m", manifestDigest.Value), ("$b", blobDigest.Value), ("$at", tx.NowMs));
            }

            return references.Count;
        }, cancellationToken);
    }

    /// <summary>What <paramref name="reference"/> last resolved to, or null when unknown or its blob was evicted.</summary>
    public Task<ImageResolution?> FindAsync(string reference, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(reference);
        return _database.ReadAsync(
            tx => tx.Query(
                "SELECT reference, manifest_digest, blob_digest, resolved_at FROM image_refs WHERE reference = $r",
                r => new ImageResolution(
                    r.GetString(0),
                    ContentDigest.Parse(r.GetString(1)),
                    ContentDigest.Parse(r.GetString(2)),
                    DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(3))),
                ("$r", reference)).FirstOrDefault(),
            cancellationToken);
    }
}
