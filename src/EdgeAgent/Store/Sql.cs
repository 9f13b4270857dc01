using Microsoft.Data.Sqlite;

namespace EdgeWasm.EdgeAgent.Store;

/// <summary>Small helpers that keep parameterised SQL short at the call sites.</summary>
internal static class Sql
{
    /// <summary>Builds a command with named parameters (<c>$name</c> in the SQL).</summary>
    public static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params ReadOnlySpan<(string Name, object? Value)> args)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // every SQL text is a constant in this assembly; values travel as parameters
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach (var (name, value) in args)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    /// <summary>Runs a statement and returns the number of rows it changed.</summary>
    public static int Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql, params ReadOnlySpan<(string Name, object? Value)> args)
    {
        using var command = Command(connection, transaction, sql, args);
        return command.ExecuteNonQuery();
    }

    /// <summary>Runs a query and returns the first column of the first row, or null.</summary>
    public static object? Scalar(SqliteConnection connection, SqliteTransaction? transaction, string sql, params ReadOnlySpan<(string Name, object? Value)> args)
    {
        using var command = Command(connection, transaction, sql, args);
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    /// <summary>Runs a query and maps every row.</summary>
    public static List<T> Query<T>(SqliteConnection connection, SqliteTransaction? transaction, string sql, Func<SqliteDataReader, T> map, params ReadOnlySpan<(string Name, object? Value)> args)
    {
        using var command = Command(connection, transaction, sql, args);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }

        return rows;
    }
}
