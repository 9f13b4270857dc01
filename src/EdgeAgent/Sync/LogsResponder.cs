using System.Text;
using EdgeWasm.EdgeAgent.Store;
using EdgeWasm.Protocol.Topics;

namespace EdgeWasm.EdgeAgent.Sync;

/// <summary>
/// Answers logs requests from the store's log rings. A response that would be over the channel's size limit keeps
/// the newest lines that fit and says it was truncated, as the last lines are what someone reading logs wants.
/// </summary>
internal sealed class LogsResponder(AgentStore store, PayloadLimits limits)
{
    // JSON around one line: {"at":"2026-01-01T00:00:00.000+00:00","stream":"stderr","text":""}, plus a comma.
    private const int LineOverhead = 72;

    /// <summary>The answer to <paramref name="request"/>, encoded and within the size limit.</summary>
    public async Task<byte[]> AnswerAsync(LogsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = new LogsResponse { RequestId = request.RequestId, Workload = request.Workload, Lines = [] };
        var usage = await store.Logs.GetUsageAsync(request.Workload, cancellationToken).ConfigureAwait(false);
        if (usage.Lines == 0 && await store.Workloads.GetAsync(request.Workload, cancellationToken).ConfigureAwait(false) is null)
        {
            return Encode(response with { Error = $"workload {request.Workload} is not known on this device" });
        }

        var query = new LogQuery { TailLines = request.TailLines, LimitBytes = request.LimitBytes, Since = request.Since };
        var lines = await store.Logs.ReadAsync(request.Workload, query, cancellationToken).ConfigureAwait(false);
        var entries = lines.Select(l => new LogEntry(l.Timestamp, l.Stream == LogStream.Stderr ? "stderr" : "stdout", l.Text)).ToList();

        // Estimate first (cheap), then check the real size and shed more if escaping made it bigger.
        var budget = limits.LogsResponse - 1024;
        var first = 0;
        var size = entries.Sum(Estimate);
        while (size > budget && first < entries.Count) size -= Estimate(entries[first++]);
        while (true)
        {
            var bytes = Encode(response with { Lines = entries[first..], Truncated = first > 0 });
            if (bytes.Length <= limits.LogsResponse) return bytes;
            first += Math.Max(1, (entries.Count - first) / 10);
        }
    }

    private static long Estimate(LogEntry entry) => Encoding.UTF8.GetByteCount(entry.Text) + LineOverhead;

    private static byte[] Encode(LogsResponse response) =>
        EnvelopeCodec.Encode(response, TopicJsonContext.Default.LogsResponse, TopicKind.LogsResponse, int.MaxValue, "a logs response");
}
