using System.Globalization;
using System.Text;
using EdgeWasm.Protocol.Topics;

namespace EdgeWasm.CloudBridge.KubeletApi;

/// <summary>
/// Writes log lines as the kubelet does: the text and a newline, optionally after the time in RFC 3339 with
/// nanosecond precision and trailing zeros cut (Go's RFC3339Nano), stopping at <c>limitBytes</c> even mid-line.
/// </summary>
internal sealed class LogFormatter(bool timestamps, long? limitBytes)
{
    private long _written;

    /// <summary>Bytes written so far.</summary>
    public long Written => _written;

    /// <summary>Whether the byte limit is reached.</summary>
    public bool Full => limitBytes is { } limit && _written >= limit;

    /// <summary>The bytes of <paramref name="line"/>, cut to what the limit leaves (empty when full).</summary>
    public byte[] Format(LogEntry line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var text = timestamps ? $"{Rfc3339Nano(line.At)} {line.Text}\n" : line.Text + "\n";
        var bytes = Encoding.UTF8.GetBytes(text);
        if (limitBytes is { } limit && _written + bytes.Length > limit) bytes = bytes[..(int)Math.Max(0, limit - _written)];
        _written += bytes.Length;
        return bytes;
    }

    /// <summary>Go's RFC3339Nano of a time, in UTC: <c>2026-01-01T10:00:00.1234567Z</c>, trailing zeros (and a bare dot) cut.</summary>
    public static string Rfc3339Nano(DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        var fraction = (utc.Ticks % TimeSpan.TicksPerSecond).ToString("D7", CultureInfo.InvariantCulture).TrimEnd('0');
        return utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + (fraction.Length > 0 ? "." + fraction : "") + "Z";
    }
}
