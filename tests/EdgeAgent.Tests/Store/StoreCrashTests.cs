using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EdgeWasm.EdgeAgent.Store;
using EdgeWasm.Protocol.Documents;
using EdgeWasm.TestSupport;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace EdgeWasm.EdgeAgent.Tests.Store;

/// <summary>
/// The proof that a SIGKILL at any moment leaves the store consistent: a child process (<see cref="StoreCrashChild"/>)
/// hammers one store file and is killed at random points, many times; after every kill the file is opened with plain
/// SQLite and every invariant the agent relies on is checked, then the next child carries on with the same file.
/// </summary>
public sealed class StoreCrashTests(ITestOutputHelper output)
{
    private const int Kills = 40;

    [Fact]
    public async Task Store_StaysConsistent_WhenItsWriterIsKilledAtRandomPoints()
    {
        var seed = Environment.GetEnvironmentVariable("EDGEWASM_CRASH_SEED") is { } fixedSeed
            ? int.Parse(fixedSeed, CultureInfo.InvariantCulture)
            : Random.Shared.Next();
        output.WriteLine($"seed {seed} (set EDGEWASM_CRASH_SEED to replay)");
        var random = new Random(seed);
        using var folder = new TempDirectory("edgewasm-crash");
        var path = folder.Combine("agent.db");

        var previous = new Snapshot(0, 0, 0);
        var totalLines = 0;
        for (var kill = 1; kill <= Kills; kill++)
        {
            var run = await RunAndKillAsync(path, random.Next(), TimeSpan.FromMilliseconds(random.Next(0, 600)));
            totalLines += run.Lines;

            var now = Inspect(path);

            var context = $"kill {kill}, seed {seed}";
            Assert.True(now.LastSequence >= previous.LastSequence, $"{context}: the outbox sequence went back from {previous.LastSequence} to {now.LastSequence}");
            Assert.True(now.LastSequence >= run.Sequence, $"{context}: sequence {run.Sequence} was committed but the store ends at {now.LastSequence}");
            Assert.True(now.Acknowledged >= run.Acknowledged, $"{context}: acknowledgement {run.Acknowledged} was committed but the store says {now.Acknowledged}");
            Assert.True(now.DesiredVersion >= run.DesiredVersion, $"{context}: desired version {run.DesiredVersion} was committed but the store has {now.DesiredVersion}");
            previous = now;
        }

        output.WriteLine($"{Kills} kills; the children reported {totalLines} commits; outbox at {previous.LastSequence}, acknowledged {previous.Acknowledged}");
        Assert.True(previous.LastSequence > Kills, "the children barely wrote anything, so the kills proved little");

        // The agent itself opens the survivor and carries on where the sequence left off.
        await using var store = await AgentStore.OpenAsync(StoreCrashChild.Options(path), TimeProvider.System, null, CancellationToken.None);
        Assert.Empty(await store.CheckIntegrityAsync(CancellationToken.None));
        Assert.Equal(previous.LastSequence + 1, await store.Outbox.AppendAsync(OutboxKind.DeviceInfo, null, "{}", CancellationToken.None));
    }

    private sealed record Snapshot(long LastSequence, long Acknowledged, long DesiredVersion);

    private sealed record ChildRun(long Sequence, long Acknowledged, long DesiredVersion, int Lines);

    private static async Task<ChildRun> RunAndKillAsync(string path, int seed, TimeSpan runFor)
    {
        var start = new ProcessStartInfo(DotNetHost.Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { typeof(StoreCrashChild).Assembly.Location, StoreCrashChild.Verb, path, seed.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        using var child = Process.Start(start) ?? throw new InvalidOperationException("could not start the crash child");
        // Set on the first commit the child reports, so that every kill lands while it is busy writing.
        var working = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        long sequence = 0, acknowledged = 0, desired = 0;
        var lines = 0;
        var stderr = child.StandardError.ReadToEndAsync();
        var reader = Task.Run(async () =>
        {
            while (await child.StandardOutput.ReadLineAsync() is { } line)
            {
                var parts = line.Split(' ');
                switch (parts[0])
                {
                    case "seq": sequence = Math.Max(sequence, long.Parse(parts[1], CultureInfo.InvariantCulture)); break;
                    case "ack": acknowledged = Math.Max(acknowledged, long.Parse(parts[1], CultureInfo.InvariantCulture)); break;
                    case "desired": desired = Math.Max(desired, long.Parse(parts[1], CultureInfo.InvariantCulture)); break;
                }

                if (parts[0] != "ready") working.TrySetResult();
                lines++;
            }
        });

        try
        {
            await working.Task.WaitAsync(TimeSpan.FromSeconds(60));
            await Task.Delay(runFor);
            if (child.HasExited) Assert.Fail($"the child stopped on its own (exit {child.ExitCode}): {await stderr}");
        }
        finally
        {
            // Process.Kill is SIGKILL on Unix: no finally blocks, no flush, no dispose run in the child.
            child.Kill();
            await child.WaitForExitAsync();
        }

        await reader;
        Assert.Equal(128 + 9, child.ExitCode);
        return new ChildRun(sequence, acknowledged, desired, lines);
    }

    // Opens the file with plain SQLite, not through the store, and checks every invariant.
    private static Snapshot Inspect(string path)
    {
        using var db = new SqliteConnection($"Data Source={path};Pooling=False");
        db.Open();
        List<T> Query<T>(string sql, Func<SqliteDataReader, T> map) => Sql.Query(db, null, sql, map);

        Assert.Equal(["ok"], Query("PRAGMA integrity_check", r => r.GetString(0)));
        Assert.Empty(Query("PRAGMA foreign_key_check", r => r.GetString(0)));

        // Outbox: exactly the sequences acked+1 .. last, strictly increasing, no gaps.
        var (last, acked) = Query("SELECT last_seq, acked_seq FROM outbox_state", r => (r.GetInt64(0), r.GetInt64(1))).Single();
        var pending = Query("SELECT seq, kind, subject, payload FROM outbox ORDER BY seq", r => (Seq: r.GetInt64(0), Kind: r.GetString(1), Subject: r.IsDBNull(2) ? null : r.GetString(2), Payload: r.GetString(3)));
        Assert.Equal(Enumerable.Range(0, (int)(last - acked)).Select(i => acked + 1 + i), pending.Select(p => p.Seq));

        // Every status row has its outbox entry (unless already acknowledged), and it is the latest one for that workload.
        var latest = pending.Where(p => p.Subject is not null).GroupBy(p => p.Subject!).ToDictionary(g => g.Key, g => g.Last());
        var statuses = Query("SELECT workload, status, outbox_seq FROM workload_status", r => (Workload: r.GetString(0), Status: r.GetString(1), Seq: r.GetInt64(2)));
        foreach (var status in statuses)
        {
            Assert.InRange(status.Seq, 1, last);
            JsonSerializer.Deserialize(status.Status, ProtocolJsonContext.Default.WorkloadStatus);
            if (status.Seq <= acked)
            {
                Assert.False(latest.ContainsKey(status.Workload), $"{status.Workload} has a pending entry newer than its status row");
                continue;
            }

            var entry = latest[status.Workload];
            Assert.Equal((status.Seq, nameof(OutboxKind.WorkloadStatus), status.Status), (entry.Seq, entry.Kind, entry.Payload));
        }

        foreach (var removal in latest.Values.Where(e => e.Kind == nameof(OutboxKind.WorkloadRemoved)))
        {
            Assert.DoesNotContain(statuses, s => s.Workload == removal.Subject);
        }

        // Blobs: content matches digest and size, nothing without content, all within the budget.
        var blobs = Query(
            "SELECT b.digest, b.size, c.content FROM blobs b LEFT JOIN blob_content c ON c.digest = b.digest",
            r => (Digest: r.GetString(0), Size: r.GetInt64(1), Content: r.IsDBNull(2) ? null : r.GetFieldValue<byte[]>(2)));
        foreach (var blob in blobs)
        {
            Assert.NotNull(blob.Content);
            Assert.Equal(blob.Digest, "sha256:" + Convert.ToHexStringLower(SHA256.HashData(blob.Content)));
            Assert.Equal(blob.Size, blob.Content.Length);
        }

        Assert.Equal(blobs.Count, Query("SELECT COUNT(*) FROM blob_content", r => r.GetInt64(0)).Single());
        Assert.InRange(blobs.Sum(b => b.Size), 0, StoreCrashChild.BlobBudget);

        // Log rings: the recorded byte count is the real one, within the bound.
        var rings = Query("SELECT workload, bytes, capacity FROM log_rings", r => (Workload: r.GetString(0), Bytes: r.GetInt64(1), Capacity: r.GetInt64(2)));
        var lines = Query("SELECT workload, line, size FROM log_lines", r => (Workload: r.GetString(0), Line: r.GetString(1), Size: r.GetInt64(2)));
        foreach (var line in lines) Assert.Equal(Encoding.UTF8.GetByteCount(line.Line) + 1, line.Size);
        Assert.All(lines, l => Assert.Contains(rings, ring => ring.Workload == l.Workload));
        foreach (var ring in rings)
        {
            Assert.Equal(StoreCrashChild.LogRingBytes, ring.Capacity);
            Assert.Equal(ring.Bytes, lines.Where(l => l.Workload == ring.Workload).Sum(l => l.Size));
            Assert.InRange(ring.Bytes, 0, ring.Capacity);
        }

        // The desired document parses and matches its version column.
        var desired = Query("SELECT version, document FROM desired_state", r => (Version: r.GetInt64(0), Document: r.GetString(1))).SingleOrDefault();
        if (desired.Document is not null)
        {
            Assert.Equal(desired.Version, JsonSerializer.Deserialize(desired.Document, ProtocolJsonContext.Default.DesiredState)!.Version);
        }

        return new Snapshot(last, acked, desired.Version);
    }
}
