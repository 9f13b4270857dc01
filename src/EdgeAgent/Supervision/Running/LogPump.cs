using System.Globalization;
using System.Text;
using EdgeWasm.EdgeAgent.Store;
using EdgeWasm.Protocol.Documents;
using EdgeWasm.Runtime.Wasi;
using Microsoft.Extensions.Logging;

namespace EdgeWasm.EdgeAgent.Supervision.Running;

/// <summary>
/// Moves a guest stream from its <see cref="BoundedLogStream"/> into the workload's log ring, line by line. The guest
/// never waits: it writes into the bounded buffer, and the pump takes what is there whenever the previous batch is
/// stored, so a chatty guest gets large batches. If the pump falls more than a buffer behind, the lost bytes are
/// noted as a line of their own. It ends once the stream is complete and drained.
/// </summary>
internal static class LogPump
{
    /// <summary>Runs until <paramref name="source"/> is complete and every line is stored.</summary>
    public static async Task RunAsync(BoundedLogStream source, LogStream stream, WorkloadId workload, LogStore logs, TimeProvider time, int maxLineBytes, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(logs);
        var chunk = new byte[8192];
        using var partial = new MemoryStream();
        long position = 0;
        while (true)
        {
            await source.WaitForDataAsync(position, cancellationToken).ConfigureAwait(false);
            var completed = source.IsCompleted;
            var lines = new List<LogLine>();
            var now = time.GetUtcNow();
            int read;
            while ((read = source.ReadAt(position, chunk, out var next)) > 0 || next > position)
            {
                var missed = next - read - position;
                if (missed > 0)
                {
                    Flush(partial, lines, now, stream);
                    lines.Add(new LogLine(now, stream, $"[{missed.ToString(CultureInfo.InvariantCulture)} bytes of output dropped: the agent could not keep up]"));
                }

                position = next;
                Split(chunk.AsSpan(0, read), partial, lines, now, stream, maxLineBytes);
            }

            if (completed) Flush(partial, lines, now, stream);
            if (lines.Count > 0)
            {
                try
                {
                    await logs.AppendAsync(workload, lines, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    RunnerLog.LogsLost(logger, ex, workload, lines.Count);
                }
            }

            if (completed) return;
        }
    }

    private static void Split(ReadOnlySpan<byte> bytes, MemoryStream partial, List<LogLine> lines, DateTimeOffset now, LogStream stream, int maxLineBytes)
    {
        while (!bytes.IsEmpty)
        {
            var end = bytes.IndexOf((byte)'\n');
            var take = end < 0 ? bytes.Length : end;
            // A line longer than the limit is cut into pieces, as container runtimes split long lines.
            take = (int)Math.Min(take, maxLineBytes - partial.Length);
            partial.Write(bytes[..take]);
            bytes = bytes[take..];
            if (!bytes.IsEmpty && bytes[0] == (byte)'\n')
            {
                bytes = bytes[1..];
                Flush(partial, lines, now, stream, force: true);
            }
            else if (partial.Length >= maxLineBytes)
            {
                Flush(partial, lines, now, stream);
            }
        }
    }

    private static void Flush(MemoryStream partial, List<LogLine> lines, DateTimeOffset now, LogStream stream, bool force = false)
    {
        if (partial.Length == 0 && !force) return;
        var text = Encoding.UTF8.GetString(partial.GetBuffer(), 0, (int)partial.Length).TrimEnd('\r');
        lines.Add(new LogLine(now, stream, text));
        partial.SetLength(0);
    }
}
