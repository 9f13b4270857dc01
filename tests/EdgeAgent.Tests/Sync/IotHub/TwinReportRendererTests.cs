using System.Text.Json;
using EdgeWasm.EdgeAgent.Store;
using EdgeWasm.EdgeAgent.Sync.IotHub;
using EdgeWasm.EdgeAgent.Tests.Store;
using EdgeWasm.Protocol.Documents;
using EdgeWasm.Protocol.IotHub;

namespace EdgeWasm.EdgeAgent.Tests.Sync.IotHub;

/// <summary>Trimming a report to the reported-properties budget, level by level.</summary>
public sealed class TwinReportRendererTests
{
    [Theory]
    [InlineData(5, 100, 0)]
    [InlineData(30, 700, 1)]
    [InlineData(80, 300, 2)]
    [InlineData(200, 10, 3)]
    public async Task Render_TrimsOnlyAsFarAsTheBudgetNeeds(int workloads, int messageLength, int level)
    {
        var state = await StateAsync(workloads, messageLength);

        var (report, actual, size) = TwinReportRenderer.Render(state, 30 * 1024);

        Assert.Equal(level, actual);
        Assert.InRange(size, 1, 30 * 1024);
        Assert.Null(TwinSize.Problem(report));
        var parsed = report.Deserialize(IotHubJsonContext.Default.TwinReport)!;
        Assert.Equal(level, parsed.TrimLevel);
        Assert.Equal(workloads, parsed.Workloads.Count);
        Assert.All(parsed.Workloads.Values, w => Assert.Equal(WorkloadState.Terminated, w.State));
        Assert.Equal(workloads, parsed.Sequence);
    }

    [Fact]
    public async Task Render_AStateThatCannotFit_GivesTheMostTrimmedReport()
    {
        var state = await StateAsync(400, 10);

        var (_, level, size) = TwinReportRenderer.Render(state, 30 * 1024);

        Assert.Equal(TwinReportRenderer.MaxLevel, level);
        Assert.True(size > 30 * 1024);
    }

    [Fact]
    public async Task Render_AStringOver4KB_IsNeverSentWhole()
    {
        var state = await StateAsync(1, 5000);

        var (report, level, _) = TwinReportRenderer.Render(state, 30 * 1024);

        Assert.Equal(1, level);
        Assert.Null(TwinSize.Problem(report));
    }

    private static async Task<TwinState> StateAsync(int workloads, int messageLength)
    {
        await using var test = await TestStore.OpenAsync();
        await test.Store.Workloads.SetManyAsync(
            [.. Enumerable.Range(1, workloads).Select(i => new WorkloadStatus
            {
                Id = new WorkloadId("default", $"pod-{i:D4}", "main"),
                PodUid = Guid.NewGuid().ToString(),
                State = WorkloadState.Terminated,
                Reason = "Error",
                ExitCode = 1,
                Message = new string('x', messageLength),
                RestartCount = i,
                ImageDigest = ContentDigest.Parse("sha256:" + new string('a', 64)),
                LastTermination = new TerminationInfo { ExitCode = 1, Reason = "Error", Message = new string('y', messageLength), StartedAt = DateTimeOffset.UnixEpoch, FinishedAt = DateTimeOffset.UnixEpoch },
            })],
            default);
        return await TwinState.FromStoreAsync(test.Store, "pi-1", "stream", [], default);
    }
}
