using System.Threading.Channels;
using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.EdgeAgent.Sync;

/// <summary>
/// The agent's link to the cloud: desired documents come down, reported changes go up from the store's outbox,
/// logs are served on request. The MQTT link implements it; the Azure IoT Hub link will too.
/// </summary>
/// <remarks>
/// Guarantees every implementation keeps: a desired document is in the store before the cloud is told it was
/// received; documents only move forward in version; outbox entries are delivered in sequence order and removed
/// from the outbox only once the cloud side has acknowledged them.
/// </remarks>
internal interface ICloudLink
{
    /// <summary>
    /// Desired documents the link has accepted and stored, newest last. Capacity 1: when the apply loop is busy,
    /// only the newest waits; the store holds it anyway.
    /// </summary>
    ChannelReader<DesiredState> DesiredDocuments { get; }

    /// <summary>Whether the cloud can be reached right now.</summary>
    bool IsConnected { get; }

    /// <summary>The highest outbox sequence the cloud acknowledged (everything up to it left the outbox).</summary>
    long DeliveredSequence { get; }

    /// <summary>Runs the link until <paramref name="cancellationToken"/> is cancelled; then says goodbye cleanly.</summary>
    Task RunAsync(CancellationToken cancellationToken);
}
