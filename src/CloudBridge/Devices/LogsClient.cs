using System.Collections.Concurrent;
using EdgeWasm.Protocol.Documents;
using EdgeWasm.Protocol.Mqtt;
using EdgeWasm.Protocol.Topics;
using Microsoft.Extensions.Logging;

namespace EdgeWasm.CloudBridge.Devices;

/// <summary>
/// Asks devices for workload logs over MQTT: a request with a fresh correlation id on <c>…/logs/req</c>, the
/// answer on <c>…/logs/res/{id}</c>, a timeout when the device does not answer.
/// </summary>
internal sealed class LogsClient(MqttClient client, PayloadLimits limits, TimeSpan timeout, TimeProvider time, ILogger logger)
{
    private readonly ConcurrentDictionary<string, Pending> _pending = new(StringComparer.Ordinal);

    /// <summary>Requests logs of <paramref name="workload"/> on <paramref name="deviceId"/>, with kubectl logs' filters.</summary>
    /// <exception cref="TimeoutException">The device did not answer in time.</exception>
    /// <exception cref="LogsRequestRejectedException">The device refused the request.</exception>
    public async Task<LogsResponse> RequestAsync(string deviceId, WorkloadId workload, int? tailLines, long? limitBytes, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var topics = new DeviceTopics(deviceId);
        var request = new LogsRequest
        {
            RequestId = Guid.NewGuid().ToString("N"),
            Workload = workload,
            TailLines = tailLines,
            LimitBytes = limitBytes,
            Since = since,
            ExpiresAt = time.GetUtcNow() + timeout,
        };
        var payload = EnvelopeCodec.Encode(request, TopicJsonContext.Default.LogsRequest, TopicKind.LogsRequest, limits.Small, "a logs request");
        var pending = new Pending(deviceId, new TaskCompletionSource<LogsResponse>(TaskCreationOptions.RunContinuationsAsynchronously));
        _pending[request.RequestId] = pending;
        try
        {
            await client.PublishAsync(topics.LogsRequest, payload, MqttQos.AtLeastOnce, retain: false, cancellationToken)
                .WaitAsync(timeout, time, cancellationToken).ConfigureAwait(false);
            return await pending.Response.Task.WaitAsync(timeout, time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"device {deviceId} did not answer the logs request for {workload} within {timeout.TotalSeconds:0.#} s; is it online?", ex);
        }
        finally
        {
            _pending.TryRemove(request.RequestId, out _);
        }
    }

    /// <summary>Hands a response to its waiting request.</summary>
    internal void OnResponse(string deviceId, LogsResponse response)
    {
        if (_pending.TryGetValue(response.RequestId, out var pending) && pending.DeviceId == deviceId)
        {
            pending.Response.TrySetResult(response);
            return;
        }

        DeviceLog.LogsResponseUnmatched(logger, response.RequestId, deviceId);
    }

    /// <summary>Fails the waiting request the device refused.</summary>
    internal void OnRejected(RejectedMessage rejected)
    {
        if (rejected.RequestId is { } id && _pending.TryGetValue(id, out var pending) && pending.DeviceId == rejected.DeviceId)
        {
            pending.Response.TrySetException(new LogsRequestRejectedException(rejected.DeviceId, rejected.Reason));
        }
    }

    private sealed record Pending(string DeviceId, TaskCompletionSource<LogsResponse> Response);
}
