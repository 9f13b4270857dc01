using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.Protocol.Topics;

/// <summary><c>…/logs/res/{id}</c>: the device's answer to a <see cref="LogsRequest"/>.</summary>
public sealed record LogsResponse : IEnvelope
{
    /// <summary>The request this answers.</summary>
    public required string RequestId { get; init; }

    /// <summary>Whose logs.</summary>
    public required WorkloadId Workload { get; init; }

    /// <summary>The lines, oldest first.</summary>
    public required IReadOnlyList<LogEntry> Lines { get; init; }

    /// <summary>True when older lines were left out to fit the size limit of a response.</summary>
    public bool Truncated { get; init; }

    /// <summary>Why there are no lines, when the device could not answer (unknown workload, store error).</summary>
    public string? Error { get; init; }

    /// <inheritdoc />
    public string? Problem(string topicDevice) =>
        string.IsNullOrEmpty(RequestId) ? "requestId is missing" : Lines.Any(l => l is null) ? "lines contain null" : null;
}
