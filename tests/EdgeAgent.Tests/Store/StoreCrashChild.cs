using System.Globalization;
using EdgeWasm.EdgeAgent.Store;
using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.EdgeAgent.Tests.Store;

/// <summary>
/// The child process of <see cref="StoreCrashTests"/>: it opens the store and changes it as fast as it can, forever,
/// until the parent kills it. After each commit it prints what became durable ("seq N", "ack N"), so the parent can
/// check that nothing committed was lost.
/// </summary>
internal static class StoreCrashChild
{
    public const string Verb = "store-crash-child";
    public const long BlobBudget = 512 * 1024;
    public const long LogRingBytes = 8 * 1024;
    public const int Workloads = 6;

    public static StoreOptions Options(string path) => new() { Path = path, LogRingBytes = LogRingBytes, MaxLogLineBytes = 1024 };

    public static WorkloadId Workload(int i) => new("crash", "pod" + i.ToString(CultureInfo.InvariantCulture), "main");

    public static async Task<int> RunAsync(string path, int seed)
    {
        var random = new Random(seed);
        var none = CancellationToken.None;
        await using var store = await AgentStore.OpenAsync(Options(path), TimeProvider.System, null, none);
        var output = Console.Out;
        await output.WriteLineAsync("ready");

        for (var op = 0L; ; op++)
        {
            var workload = Workload(random.Next(Workloads));
            switch (random.Next(100))
            {
                case < 35:
                    var status = new WorkloadStatus
                    {
                        Id = workload,
                        State = (WorkloadState)random.Next(3),
                        Reason = "Reason" + op.ToString(CultureInfo.InvariantCulture),
                        RestartCount = random.Next(100),
                        StartedAt = DateTimeOffset.UtcNow,
                    };
                    if (await store.Workloads.SetAsync(status, none) is { } seq) await output.WriteLineAsync($"seq {seq}");
                    break;
                case < 45:
                    if (await store.Workloads.RemoveAsync(workload, none) is { } removed) await output.WriteLineAsync($"seq {removed}");
                    break;
                case < 55:
                    await output.WriteLineAsync($"seq {await store.Outbox.AppendAsync(OutboxKind.DeviceInfo, null, "{\"op\":" + op.ToString(CultureInfo.InvariantCulture) + "}", none)}");
                    break;
                case < 70:
                    var lines = Enumerable.Range(0, random.Next(1, 30))
                        .Select(i => new LogLine(DateTimeOffset.UtcNow, LogStream.Stdout, new string((char)('a' + (i % 26)), random.Next(0, 600))))
                        .ToList();
                    await store.Logs.AppendAsync(workload, lines, none);
                    break;
                case < 82:
                    var content = new byte[random.Next(1, 96 * 1024)];
                    random.NextBytes(content);
                    var pin = random.Next(3) == 0 ? null : workload.ToString();
                    try
                    {
                        await store.Blobs.PutAsync(content, new BlobPutOptions { PinHolder = pin, BudgetBytes = BlobBudget }, none);
                    }
                    catch (StorageBudgetExceededException)
                    {
                        // Pinned blobs fill the budget: free one holder so later puts can succeed.
                        await store.Blobs.UnpinAsync(workload.ToString(), none);
                    }

                    break;
                case < 86:
                    await store.Blobs.UnpinAsync(workload.ToString(), none);
                    break;
                case < 94:
                    var position = await store.Outbox.GetPositionAsync(none);
                    var upTo = position.Acknowledged + (long)(random.NextDouble() * position.Pending);
                    await store.Outbox.AcknowledgeAsync(upTo, none);
                    await output.WriteLineAsync($"ack {upTo}");
                    break;
                case < 98:
                    var version = await store.Desired.GetVersionAsync(none) + 1;
                    var desired = new DesiredState
                    {
                        DeviceId = "crash-device",
                        Version = version,
                        Workloads = [.. Enumerable.Range(0, random.Next(Workloads)).Select(i => new WorkloadSpec { Id = Workload(i), Image = "r/m:" + version.ToString(CultureInfo.InvariantCulture) })],
                    };
                    if (await store.Desired.SaveAsync(desired, none)) await output.WriteLineAsync($"desired {version}");
                    break;
                default:
                    await store.Metadata.SetAsync("op", op.ToString(CultureInfo.InvariantCulture), none);
                    break;
            }
        }
    }
}
