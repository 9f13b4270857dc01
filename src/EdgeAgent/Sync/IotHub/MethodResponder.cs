using System.Text.Json;
using EdgeWasm.EdgeAgent.Store;
using EdgeWasm.Protocol.IotHub;
using EdgeWasm.Protocol.Topics;

namespace EdgeWasm.EdgeAgent.Sync.IotHub;

/// <summary>
/// Answers the direct methods: <c>getLogs</c> from the store's log rings (cut to IoT Hub's 128 KB, newest lines
/// kept), <c>restartWorkload</c> through the supervisor, <c>ping</c> with the device's state. Every answer is JSON.
/// </summary>
internal sealed class MethodResponder(AgentStore store, IWorkloadControl? control, string deviceId, string agentVersion, PayloadLimits limits, TimeProvider time)
{
    // A method answer must fit 128 KB; the logs response leaves room for what IoT Hub wraps around it.
    private readonly LogsResponder _logs = new(store, limits with { LogsResponse = DirectMethods.MaxPayloadBytes - 4096 });

    /// <summary>The status and JSON payload to answer <paramref name="call"/> with.</summary>
    public async Task<(int Status, byte[] Payload)> AnswerAsync(IotHubMethodCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        switch (call.Name)
        {
            case DirectMethods.Ping:
                var ping = new PingResponse
                {
                    DeviceId = deviceId,
                    At = time.GetUtcNow(),
                    AppliedVersion = await store.Desired.GetVersionAsync(cancellationToken).ConfigureAwait(false),
                    OutboxPending = (await store.Outbox.GetPositionAsync(cancellationToken).ConfigureAwait(false)).Pending,
                    AgentVersion = agentVersion,
                };
                return (DirectMethods.Ok, JsonSerializer.SerializeToUtf8Bytes(ping, IotHubJsonContext.Default.PingResponse));
            case DirectMethods.GetLogs:
                if (!TryRead(call.Payload, IotHubJsonContext.Default.LogsMethodRequest, out var logs, out var problem) || (problem = logs.Problem()) is not null)
                {
                    return Error(DirectMethods.BadRequest, problem!);
                }

                var request = new LogsRequest { RequestId = call.RequestId, Workload = logs.Workload, TailLines = logs.TailLines, LimitBytes = logs.LimitBytes, Since = logs.Since };
                return (DirectMethods.Ok, await _logs.AnswerAsync(request, cancellationToken).ConfigureAwait(false));
            case DirectMethods.RestartWorkload:
                if (control is null) return Error(DirectMethods.NotImplemented, "this agent cannot restart workloads");
                if (!TryRead(call.Payload, IotHubJsonContext.Default.WorkloadMethodRequest, out var restart, out problem)) return Error(DirectMethods.BadRequest, problem);
                return await control.RestartAsync(restart.Workload, cancellationToken).ConfigureAwait(false) switch
                {
                    RestartOutcome.Restarting => (DirectMethods.Ok, "{}"u8.ToArray()),
                    RestartOutcome.NotRunning => Error(DirectMethods.Conflict, $"workload {restart.Workload} is not running"),
                    _ => Error(DirectMethods.NotFound, $"workload {restart.Workload} is not known on this device"),
                };
            default:
                return Error(DirectMethods.NotImplemented, $"method '{call.Name}' is not implemented; the agent answers {DirectMethods.GetLogs}, {DirectMethods.RestartWorkload} and {DirectMethods.Ping}");
        }
    }

    private static bool TryRead<T>(byte[] payload, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out T? value, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? problem)
        where T : class
    {
        value = null;
        problem = null;
        try
        {
            value = payload.Length == 0 ? null : JsonSerializer.Deserialize(payload, type);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or NotSupportedException)
        {
            problem = "the payload is not valid: " + ex.Message;
            return false;
        }

        if (value is null) problem = "the payload is missing";
        return value is not null;
    }

    private static (int, byte[]) Error(int status, string error) => (status, JsonSerializer.SerializeToUtf8Bytes(new MethodError(error), IotHubJsonContext.Default.MethodError));
}
