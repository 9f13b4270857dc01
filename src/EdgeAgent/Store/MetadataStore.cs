namespace EdgeWasm.EdgeAgent.Store;

/// <summary>Small key/value facts about this agent and device (see <see cref="MetadataKeys"/>).</summary>
internal sealed class MetadataStore
{
    private readonly StoreDatabase _database;

    internal MetadataStore(StoreDatabase database) => _database = database;

    /// <summary>The value of <paramref name="key"/>, or null.</summary>
    public Task<string?> GetAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return _database.ReadAsync(tx => tx.Scalar("SELECT value FROM metadata WHERE key = $k", ("$k", key)) as string, cancellationToken);
    }

    /// <summary>Sets <paramref name="key"/> to <paramref name="value"/>.</summary>
    public Task SetAsync(string key, string value, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        return _database.WriteAsync(
            Durability.Full,
            tx => tx.Execute(
                "INSERT INTO metadata (key, value) VALUES ($k, $v) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                ("$k", key), ("$v", value)),
            cancellationToken);
    }

    /// <summary>Removes <paramref name="key"/>; returns whether it existed.</summary>
    public Task<bool> RemoveAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return _database.WriteAsync(Durability.Full, tx => tx.Execute("DELETE FROM metadata WHERE key = $k", ("$k", key)) > 0, cancellationToken);
    }

    /// <summary>Every key and value.</summary>
    public Task<IReadOnlyDictionary<string, string>> GetAllAsync(CancellationToken cancellationToken) =>
        _database.ReadAsync<IReadOnlyDictionary<string, string>>(
            tx => tx.Query("SELECT key, value FROM metadata ORDER BY key", r => KeyValuePair.Create(r.GetString(0), r.GetString(1)))
                .ToDictionary(StringComparer.Ordinal),
            cancellationToken);
}
