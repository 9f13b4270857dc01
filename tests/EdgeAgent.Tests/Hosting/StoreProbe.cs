using System.Text.Json;
using EdgeWasm.Protocol.Documents;
using Microsoft.Data.Sqlite;

namespace EdgeWasm.EdgeAgent.Tests.Hosting;

/// <summary>Reads an agent's store from outside while another process owns it: a read-only SQLite connection, no writes.</summary>
internal static class StoreProbe
{
    static StoreProbe() => SQLitePCL.Batteries_V2.Init();

    /// <summary>The stored status of <paramref name="id"/>, or null (also while the file does not exist yet).</summary>
    public static WorkloadStatus? Status(string path, WorkloadId id)
    {
        if (!File.Exists(path)) return null;
        using var db = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = "SELECT status FROM workload_status WHERE workload = $w";
        command.Parameters.AddWithValue("$w", id.ToString());
        try
        {
            return command.ExecuteScalar() is string json ? JsonSerializer.Deserialize(json, ProtocolJsonContext.Default.WorkloadStatus) : null;
        }
        catch (SqliteException)
        {
            // The schema is being created right now.
            return null;
        }
    }

    /// <summary>Whether <paramref name="id"/>'s log ring holds the line <paramref name="text"/>.</summary>
    public static bool Logged(string path, WorkloadId id, string text)
    {
        if (!File.Exists(path)) return false;
        using var db = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = "SELECT 1 FROM log_lines WHERE workload = $w AND line = $line";
        command.Parameters.AddWithValue("$w", id.ToString());
        command.Parameters.AddWithValue("$line", text);
        try
        {
            return command.ExecuteScalar() is not null;
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    /// <summary>Polls until <paramref name="until"/> holds for <paramref name="id"/>'s status.</summary>
    public static async Task<WorkloadStatus> WaitForAsync(string path, WorkloadId id, Func<WorkloadStatus, bool> until, string what, Func<string> diagnostics)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        WorkloadStatus? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = Status(path, id);
            if (last is not null && until(last)) return last;
            await Task.Delay(50);
        }

        throw new TimeoutException($"{id} never became {what}; last: {AgentHarness.Describe(last)}; {diagnostics()}");
    }
}
