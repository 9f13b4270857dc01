using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using EdgeWasm.Protocol.Documents;
using EdgeWasm.TestSupport;
using Microsoft.Data.Sqlite;

namespace EdgeWasm.Benchmarks.Footprint;

/// <summary>
/// The agent executable (EdgeWasm.EdgeAgent.dll, as it is published) in a child process, driven by a desired file and
/// observed from outside: its resident memory from /proc and its workloads' statuses from its store, read-only.
/// </summary>
internal sealed class AgentUnderBenchmark : IDisposable
{
    private readonly ChildProcess _process;

    private AgentUnderBenchmark(ChildProcess process, string storePath)
    {
        _process = process;
        StorePath = storePath;
    }

    public string StorePath { get; }

    public static AgentUnderBenchmark Start(string device, string profile, string dataDirectory, string desiredFile)
    {
        var process = ChildProcess.StartDotNet(
            Path.Combine(AppContext.BaseDirectory, "EdgeWasm.EdgeAgent.dll"),
            ["--device", device, "--profile", profile, "--data", dataDirectory, "--desired", desiredFile],
            new Dictionary<string, string>
            {
                ["EDGEWASM_Logging__LogLevel__Default"] = "Warning",
                ["EDGEWASM_Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
            });
        return new AgentUnderBenchmark(process, Path.Combine(dataDirectory, "agent.db"));
    }

    /// <summary>Waits until the host logged that it started.</summary>
    public Task WaitStartedAsync() => _process.WaitForOutputAsync("Application started", TimeSpan.FromMinutes(1));

    /// <summary>VmRSS of the agent process, in bytes.</summary>
    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (!line.StartsWith("VmRSS:", StringComparison.Ordinal)) continue;
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }

        throw new InvalidOperationException("no VmRSS in /proc/status");
    }

    /// <summary>The median of <paramref name="samples"/> RSS readings, <paramref name="interval"/> apart.</summary>
    public async Task<long> ResidentMedianAsync(int samples, TimeSpan interval)
    {
        var values = new List<long>();
        for (var i = 0; i < samples; i++)
        {
            values.Add(ResidentBytes());
            await Task.Delay(interval);
        }

        return values.Order().ElementAt(values.Count / 2);
    }

    /// <summary>The workloads whose stored state is Running.</summary>
    public HashSet<WorkloadId> Running()
    {
        var running = new HashSet<WorkloadId>();
        if (!File.Exists(StorePath)) return running;
        using var db = new SqliteConnection($"Data Source={StorePath};Mode=ReadOnly;Pooling=False");
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = "SELECT status FROM workload_status";
        try
        {
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var status = JsonSerializer.Deserialize(reader.GetString(0), ProtocolJsonContext.Default.WorkloadStatus)!;
                if (status.State == WorkloadState.Running) running.Add(status.Id);
            }
        }
        catch (SqliteException)
        {
            // Not created yet.
        }

        return running;
    }

    /// <summary>Polls until every one of <paramref name="ids"/> is Running; returns when that was first seen.</summary>
    public async Task<TimeSpan> WaitRunningAsync(IReadOnlyCollection<WorkloadId> ids, Stopwatch since, TimeSpan poll)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            var running = Running();
            if (ids.All(running.Contains)) return since.Elapsed;
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"{ids.Count(running.Contains)} of {ids.Count} workloads running; agent output: {_process.Output}");
            }

            await Task.Delay(poll);
        }
    }

    /// <summary>SIGTERM; returns how long the graceful stop took.</summary>
    public async Task<TimeSpan> StopAsync()
    {
        var clock = Stopwatch.StartNew();
        var exitCode = await _process.TerminateAsync(TimeSpan.FromMinutes(1));
        if (exitCode != 0) throw new InvalidOperationException($"the agent exited with {exitCode}: {_process.Output}");
        return clock.Elapsed;
    }

    public void Dispose() => _process.Dispose();
}
