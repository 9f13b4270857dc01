using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.Protocol.IotHub;

/// <summary>The payload of <c>getLogs</c>: whose logs, with kubectl logs' filters.</summary>
public sealed record LogsMethodRequest
{
    /// <summary>The workload.</summary>
    public required WorkloadId Workload { get; init; }

    /// <summary>Only the last N lines.</summary>
    public int? TailLines { get; init; }

    /// <summary>At most this many bytes of output.</summary>
    public long? LimitBytes { get; init; }

    /// <summary>Only lines written at or after this time.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Null when the request makes sense; else why not.</summary>
    public string? Problem() => TailLines is < 0 ? "tailLines must not be negative" : LimitBytes is < 1 ? "limitBytes must be positive" : null;
}
