using EdgeWasm.Cli.Demo;
using EdgeWasm.CloudBridge.StaticPods;

namespace EdgeWasm.Cli.Tests.Demo;

/// <summary>The demo's table and its idea of "settled".</summary>
public sealed class StatusTableTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly DemoDevice Pi = new("pi-4", "raspberry-pi-4-4gb");

    private static readonly ExamplePod[] Examples =
    [
        new("sensor", "sensor/pod.yaml", "", "examples/sensor", "1", Expectation.Parse("phase=Running"), Pi),
        new("crasher", "crasher/pod.yaml", "", "examples/crasher", "1", Expectation.Parse("reason=CrashLoopBackOff restarts>=1"), Pi),
    ];

    private static PodRow Row(string name, string phase, string? reason, int restarts) =>
        new("default", name, "pi-4", "pi-4", phase, reason, "0/1", restarts, true, Now.AddSeconds(-3), null, null);

    private static StatusSnapshot Snapshot(params PodRow[] pods) =>
        new(Now, [new NodeRow("pi-4", "pi-4", "raspberry-pi-4-4gb", "True", "KubeletReady", Now.AddSeconds(-3), "0.1.0")], pods, []);

    [Fact]
    public void IsSettled_OnlyWhenEveryExampleMeetsItsExpectation()
    {
        Assert.False(StatusTable.IsSettled(Examples, null));
        Assert.False(StatusTable.IsSettled(Examples, Snapshot(Row("sensor", "Running", null, 0))));
        Assert.False(StatusTable.IsSettled(Examples, Snapshot(Row("sensor", "Running", null, 0), Row("crasher", "Running", "CrashLoopBackOff", 0))));
        Assert.True(StatusTable.IsSettled(Examples, Snapshot(Row("sensor", "Running", null, 0), Row("crasher", "Running", "CrashLoopBackOff", 2))));
    }

    [Fact]
    public void Render_ShowsDevicesAndPods_WithWhatEachWaitsFor()
    {
        var table = StatusTable.Render(Examples, Snapshot(Row("sensor", "Running", null, 0), Row("crasher", "Running", "Error", 0)), Now);
        var lines = table.Split('\n');

        Assert.Equal("DEVICE  PROFILE             READY  LAST SEEN", lines[0]);
        Assert.Equal("pi-4    raspberry-pi-4-4gb  True   3s ago", lines[1]);
        Assert.Equal("POD      DEVICE  PHASE    RESTARTS  REASON  LAST SEEN  EXPECTED", lines[3]);
        Assert.Equal("sensor   pi-4    Running  0                 3s ago     ok   phase=Running", lines[4]);
        Assert.Equal("crasher  pi-4    Running  0         Error   3s ago     wait reason=CrashLoopBackOff restarts>=1", lines[5]);
        Assert.Equal("1/2 examples as expected", lines[6]);
    }

    [Fact]
    public void Render_BeforeTheBridgeWroteAnything_ShowsDashes()
    {
        var table = StatusTable.Render(Examples, null, Now);

        Assert.Contains("pi-4    raspberry-pi-4-4gb  -      -", table, StringComparison.Ordinal);
        Assert.Contains("0/2 examples as expected", table, StringComparison.Ordinal);
    }
}
