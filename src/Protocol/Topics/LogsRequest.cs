using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.Protocol.Topics;

/// <summary><c>…/logs/req</c>: the bridge asks for a workload's logs, with kubectl logs' filters.</summary>
public sealed record LogsRequest : IEnvelope
{
    /// <summary>Correlation id; the answer comes on <c>…/logs/res/{RequestId}</c>.</summary>
    public required string RequestId { get; init; }

    /// <summary>Whose logs.</summary>
    public required WorkloadId Workload { get; init; }

    /// <summary>Only the last N lines.</summary>
    public int? TailLines { get; init; }

    /// <summary>At most this many bytes of output.</summary>
    public long? LimitBytes { get; init; }

    /// <summary>Only lines written at or after this time.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>
    /// The requester stops waiting at this time; a device that receives the request later (it was queued while the
    /// device was offline) drops it instead of answering nobody.
    /// </summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <inheritdoc />
    public string? Problem(string topicDevice)
    {
        try
        {
            DeviceTopics.ValidateRequestId(RequestId);
        }
        catch (ArgumentException ex)
        {
            return ex.Message;
        }

        if (TailLines is < 0) return "tailLines must not be negative";
        if (LimitBytes is < 1) return "limitBytes must be positive";
        return null;
    }
}
