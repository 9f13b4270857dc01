using System.Text;
using EdgeWasm.EdgeAgent.Store;
using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.EdgeAgent.Tests.Store;

public sealed class LogStoreTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly WorkloadId App = new("default", "app", "main");
    private static readonly WorkloadId Other = new("default", "other", "main");

    private static Task<TestStore> OpenSmallRingAsync() =>
        TestStore.OpenAsync(o =>
        {
            o.LogRingBytes = 1024;
            o.MaxLogLineBytes = 100;
        });

    [Fact]
    public async Task Append_BeyondTheRing_DropsTheOldestLinesFirst_AndStaysWithinTheBound()
    {
        await using var test = await OpenSmallRingAsync();
        var logs = test.Store.Logs;

        for (var i = 0; i < 200; i++)
        {
            await logs.AppendAsync(App, LogStream.Stdout, $"line {i:D4} " + new string('x', 20), None); // 31 bytes with its newline
        }

        var usage = await logs.GetUsageAsync(App, None);
        var lines = await logs.ReadAsync(App, LogQuery.All, None);
        Assert.InRange(usage.Bytes, 1024 - 31, 1024);
        Assert.Equal(usage.Bytes, lines.Sum(l => Encoding.UTF8.GetByteCount(l.Text) + 1));
        Assert.Equal(usage.Lines, lines.Count);
        Assert.StartsWith("line 0199", lines[^1].Text, StringComparison.Ordinal);
        Assert.StartsWith($"line {200 - lines.Count:D4}", lines[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rings_AreSeparatePerWorkload()
    {
        await using var test = await OpenSmallRingAsync();
        for (var i = 0; i < 100; i++) await test.Store.Logs.AppendAsync(App, LogStream.Stdout, new string('a', 50), None);
        await test.Store.Logs.AppendAsync(Other, LogStream.Stderr, "only line", None);

        var other = Assert.Single(await test.Store.Logs.ReadAsync(Other, LogQuery.All, None));
        Assert.Equal(new LogLine(test.Clock.GetUtcNow(), LogStream.Stderr, "only line"), other);
    }

    [Fact]
    public async Task Append_ALineLongerThanTheMaximum_CutsItAtACharacterBoundary()
    {
        await using var test = await OpenSmallRingAsync();

        await test.Store.Logs.AppendAsync(App, LogStream.Stdout, new string('é', 80), None); // 160 bytes of UTF-8

        var line = Assert.Single(await test.Store.Logs.ReadAsync(App, LogQuery.All, None));
        Assert.Equal(new string('é', 50), line.Text);
    }

    [Fact]
    public async Task Read_WithTailSinceAndLimitBytes_BehavesLikeKubectlLogs()
    {
        await using var test = await TestStore.OpenAsync();
        var start = test.Clock.GetUtcNow();
        var batch = Enumerable.Range(0, 10)
            .Select(i => new LogLine(start.AddSeconds(i), i % 2 == 0 ? LogStream.Stdout : LogStream.Stderr, $"line {i}"))
            .ToList();
        await test.Store.Logs.AppendAsync(App, batch, None);

        async Task<string[]> Read(LogQuery q) => [.. (await test.Store.Logs.ReadAsync(App, q, None)).Select(l => l.Text)];

        Assert.Equal(["line 7", "line 8", "line 9"], await Read(new LogQuery { TailLines = 3 }));
        Assert.Equal(["line 8", "line 9"], await Read(new LogQuery { Since = start.AddSeconds(8) }));
        Assert.Equal(["line 8"], await Read(new LogQuery { Since = start.AddSeconds(5), TailLines = 2, LimitBytes = 7 }));
        Assert.Equal(["line 0", "lin"], await Read(new LogQuery { LimitBytes = 10 }));
        Assert.Empty(await Read(new LogQuery { TailLines = 0 }));
        Assert.Equal(start.AddSeconds(3), (await test.Store.Logs.ReadAsync(App, LogQuery.All, None))[3].Timestamp);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Read(new LogQuery { LimitBytes = 0 }));
    }

    [Fact]
    public async Task Delete_RemovesTheRing_AndDeletingTwiceIsFine()
    {
        await using var test = await TestStore.OpenAsync();
        await test.Store.Logs.AppendAsync(App, LogStream.Stdout, "hello", None);

        await test.Store.Logs.DeleteAsync(App, None);
        await test.Store.Logs.DeleteAsync(App, None);

        Assert.Empty(await test.Store.Logs.ReadAsync(App, LogQuery.All, None));
        Assert.Equal(new LogRingUsage(0, test.Options.LogRingBytes, 0), await test.Store.Logs.GetUsageAsync(App, None));
    }
}
