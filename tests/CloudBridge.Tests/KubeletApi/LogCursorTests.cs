using EdgeWasm.CloudBridge.KubeletApi;
using EdgeWasm.Protocol.Topics;

namespace EdgeWasm.CloudBridge.Tests.KubeletApi;

public sealed class LogCursorTests
{
    private static readonly DateTimeOffset T = new(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void After_SkipsWhatWasSent_KeepsNewLinesOfTheSameInstant()
    {
        var cursor = new LogCursor();
        Assert.Equal(["a", "b"], Texts(cursor.After([Line(0, "a"), Line(1, "b")])));

        // A poll from the last time returns that instant's lines again, plus new ones (one in the same instant).
        Assert.Equal(["c", "d"], Texts(cursor.After([Line(1, "b"), Line(1, "c"), Line(2, "d")])));
        Assert.Equal(T.AddSeconds(2), cursor.Last);
        Assert.Empty(cursor.After([Line(2, "d")]));
        Assert.Equal(["e"], Texts(cursor.After([Line(0, "a"), Line(2, "d"), Line(3, "e")])));
    }

    private static LogEntry Line(int second, string text) => new(T.AddSeconds(second), "stdout", text);

    private static List<string> Texts(IEnumerable<LogEntry> lines) => [.. lines.Select(l => l.Text)];
}
