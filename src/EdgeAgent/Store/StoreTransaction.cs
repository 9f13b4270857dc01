using Microsoft.Data.Sqlite;

namespace EdgeWasm.EdgeAgent.Store;

/// <summary>
/// One SQLite transaction handed to store code: the statements run inside it, and actions that must only
/// happen once it is committed (waking the outbox drain) are queued on it.
/// </summary>
internal sealed class StoreTransaction
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private List<Action>? _afterCommit;

    internal StoreTransaction(SqliteConnection connection, SqliteTransaction transaction, DateTimeOffset now)
    {
        _connection = connection;
        _transaction = transaction;
        Now = now;
    }

    /// <summary>One clock reading for the whole transaction, so every row it writes carries the same time.</summary>
    public DateTimeOffset Now { get; }

    /// <summary><see cref="Now"/> as Unix milliseconds, the time format of every table.</summary>
    public long NowMs => Now.ToUnixTimeMilliseconds();

    /// <summary>Runs a statement; returns the number of changed rows.</summary>
    public int Execute(string sql, params ReadOnlySpan<(string Name, object? Value)> args) =>
        Sql.Execute(_connection, _transaction, sql, args);

    /// <summary>First column of the first row, or null.</summary>
    public object? Scalar(string sql, params ReadOnlySpan<(string Name, object? Value)> args) =>
        Sql.Scalar(_connection, _transaction, sql, args);

    /// <summary>Every row, mapped.</summary>
    public List<T> Query<T>(string sql, Func<SqliteDataReader, T> map, params ReadOnlySpan<(string Name, object? Value)> args) =>
        Sql.Query(_connection, _transaction, sql, map, args);

    /// <summary>Queues an action to run after a successful commit (never after a rollback).</summary>
    public void AfterCommit(Action action) => (_afterCommit ??= []).Add(action);

    internal void RunAfterCommit()
    {
        if (_afterCommit is null) return;
        foreach (var action in _afterCommit)
        {
            action();
        }
    }
}
