using EdgeWasm.Protocol.Documents;
using EdgeWasm.Protocol.Topics;

namespace EdgeWasm.CloudBridge.Devices;

/// <summary>
/// The bridge's channel to its devices, whichever carries it: desired documents go down, logs are asked for, and what
/// devices report (state, liveness, refusals) lands in the <see cref="Registry"/>. <see cref="DeviceLink"/> is the
/// MQTT channel (<c>--mqtt URL</c>), <see cref="IotHub.IotHubDeviceLink"/> the Azure IoT Hub one (<c>--iothub CONNECTION_STRING</c>).
/// </summary>
internal interface IDeviceChannel
{
    /// <summary>What every device reported.</summary>
    DeviceRegistry Registry { get; }

    /// <summary>Starts receiving in the background (the bridge runs while the broker or hub is away).</summary>
    void Start();

    /// <summary>Stops receiving.</summary>
    Task StopAsync(CancellationToken cancellationToken);

    /// <summary>Completes once the documents devices already have are known (retained on the broker, or in the twins).</summary>
    Task WaitUntilReadyAsync(CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="document"/> can be sent: its JSON within <paramref name="limit"/> bytes, and whatever the channel adds.</summary>
    bool Fits(DesiredState document, int limit);

    /// <summary>Sends a device its desired document; completes when the broker or hub holds it.</summary>
    /// <exception cref="PayloadTooLargeException">The document does not fit the channel.</exception>
    Task PublishDesiredAsync(DesiredState document, CancellationToken cancellationToken);

    /// <summary>Asks a device for a workload's logs, with kubectl logs' filters.</summary>
    /// <exception cref="TimeoutException">The device did not answer in time.</exception>
    /// <exception cref="LogsRequestRejectedException">The device refused the request.</exception>
    Task<LogsResponse> RequestLogsAsync(string deviceId, WorkloadId workload, int? tailLines, long? limitBytes, DateTimeOffset? since, CancellationToken cancellationToken);
}
