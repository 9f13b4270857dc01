using EdgeWasm.Protocol.Topics;

namespace EdgeWasm.CloudBridge.KubeletApi;

/// <summary>
/// Where a followed log stands: the time of the last line sent and how many lines carried that time. A poll asks for
/// lines since that time (inclusive), so lines written in the same instant are not lost; the ones already sent are skipped.
/// </summary>
internal sealed class LogCursor
{
    private int _atLast;

    /// <summary>The time of the last line sent, or null before any.</summary>
    public DateTimeOffset? Last { get; private set; }

    /// <summary>The lines of a poll (oldest first) that were not sent yet; moves the cursor past them.</summary>
    public IReadOnlyList<LogEntry> After(IReadOnlyList<LogEntry> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var fresh = new List<LogEntry>();
        var skip = _atLast;
        foreach (var line in lines)
        {
            if (Last is { } last)
            {
                if (line.At < last) continue;
                if (line.At == last && skip > 0)
                {
                    skip--;
                    continue;
                }
            }

            fresh.Add(line);
            if (line.At == Last) _atLast++;
            else
            {
                Last = line.At;
                _atLast = 1;
            }
        }

        return fresh;
    }
}
