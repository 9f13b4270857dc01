using System.Globalization;
using EdgeWasm.EdgeAgent.Store;
using EdgeWasm.EdgeAgent.Sync;
using EdgeWasm.Protocol.Documents;
using EdgeWasm.Protocol.Mqtt;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeWasm.EndToEnd.Tests.Sync;

/// <summary>
/// The child process of <see cref="SyncCrashTests"/>: an agent's store that records <c>count</c> status changes
/// while offline, then its MQTT link draining them, printing progress ("seq N", "delivered N"), until it is killed
/// or its standard input closes.
/// </summary>
internal static class SyncCrashChild
{
    public const string Verb = "sync-crash-child";

    public static readonly WorkloadId Workload = new("crash", "sensor", "main");

    public static async Task<int> RunAsync(string storePath, int port, string deviceId, string run, int count)
    {
        await using var store = await AgentStore.OpenAsync(new StoreOptions { Path = storePath }, TimeProvider.System, null, CancellationToken.None);
        var options = new MqttSyncOptions
        {
            DeviceId = deviceId,
            Mqtt = new MqttClientOptions
            {
                Host = "127.0.0.1",
                Port = port,
                ClientId = deviceId,
                ReconnectDelay = TimeSpan.FromMilliseconds(100),
                MaxReconnectDelay = TimeSpan.FromMilliseconds(500),
                KeepAlive = TimeSpan.FromSeconds(5),
            },
            HeartbeatInterval = TimeSpan.FromSeconds(1),
            // A small window keeps many changes published but unacknowledged at any moment: the interesting kill.
            DrainWindow = 20,
        };
        var output = Console.Out;
        await output.WriteLineAsync("ready");

        // Changes recorded while offline pile up in the outbox; the link then drains the backlog, which is when the
        // parent kills it.
        for (var i = 1; i <= count; i++)
        {
            var status = new WorkloadStatus
            {
                Id = Workload,
                State = WorkloadState.Running,
                Reason = $"{run}-{i.ToString(CultureInfo.InvariantCulture)}",
                RestartCount = i,
            };
            if (await store.Workloads.SetAsync(status, CancellationToken.None) is { } sequence) await output.WriteLineAsync($"seq {sequence}");
        }

        var link = new MqttCloudLink(options, store, TimeProvider.System, NullLogger.Instance);
        using var stop = new CancellationTokenSource();
        var running = link.RunAsync(stop.Token);
        await output.WriteLineAsync("draining");

        // Closing stdin is the parent's way of asking for a clean stop.
        var stdinClosed = Task.Run(() => Console.In.ReadToEnd());
        long reported = -1;
        while (!stdinClosed.IsCompleted && !running.IsCompleted)
        {
            if (link.DeliveredSequence != reported)
            {
                reported = link.DeliveredSequence;
                await output.WriteLineAsync($"delivered {reported}");
            }

            await Task.Delay(10);
        }

        await stop.CancelAsync();
        try
        {
            await running;
        }
        catch (OperationCanceledException)
        {
        }

        return 0;
    }
}
