using System.Text;
using EdgeWasm.CloudBridge.KubeletApi;
using EdgeWasm.Protocol.Topics;

namespace EdgeWasm.CloudBridge.Tests.KubeletApi;

public sealed class LogFormatterTests
{
    private static readonly DateTimeOffset T = new(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, "2026-01-01T10:00:00Z")]
    [InlineData(5_000_000, "2026-01-01T10:00:00.5Z")]
    [InlineData(1_234_567, "2026-01-01T10:00:00.1234567Z")]
    [InlineData(100, "2026-01-01T10:00:00.00001Z")]
    public void Rfc3339Nano_CutsTrailingZeros(long ticks, string expected)
    {
        Assert.Equal(expected, LogFormatter.Rfc3339Nano(T.AddTicks(ticks)));
    }

    [Fact]
    public void Format_WithTimestamps_InUtc()
    {
        var formatter = new LogFormatter(timestamps: true, limitBytes: null);

        Assert.Equal("2026-01-01T10:00:00Z avg=21.5\n", Encoding.UTF8.GetString(formatter.Format(new LogEntry(T.ToOffset(TimeSpan.FromHours(2)), "stdout", "avg=21.5"))));
    }

    [Fact]
    public void Format_StopsAtLimitBytes_EvenMidLine()
    {
        var formatter = new LogFormatter(timestamps: false, limitBytes: 7);

        Assert.Equal("hello\n", Encoding.UTF8.GetString(formatter.Format(new LogEntry(T, "stdout", "hello"))));
        Assert.Equal("w", Encoding.UTF8.GetString(formatter.Format(new LogEntry(T, "stdout", "world"))));
        Assert.True(formatter.Full);
        Assert.Empty(formatter.Format(new LogEntry(T, "stdout", "more")));
    }
}
