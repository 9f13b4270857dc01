using EdgeWasm.CloudBridge.Pods.Sync;
using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.CloudBridge.Tests.Pods;

public sealed class DesiredLedgerTests
{
    private static readonly ContentDigest Digest = ContentDigest.Compute([1, 2, 3]);

    [Fact]
    public void Plan_FirstDocument_IsVersionOne_AndTheSameContentIsNotPublishedAgain()
    {
        var ledger = new DesiredLedger();
        var first = ledger.Plan("pi-1", [Workload("a")], appliedVersion: 0)!;
        Assert.Equal(1, first.Version);
        ledger.Published(first);

        Assert.Null(ledger.Plan("pi-1", [Workload("a")], appliedVersion: 1));
        Assert.Equal(2, ledger.Plan("pi-1", [Workload("a"), Workload("b")], appliedVersion: 1)!.Version);
    }

    [Fact]
    public void Plan_AfterARestart_ContinuesFromTheRetainedDocument_WithoutRepublishingIt()
    {
        var ledger = new DesiredLedger();
        ledger.Observe(new DesiredState { DeviceId = "pi-1", Version = 41, Workloads = [Workload("a")] });

        Assert.Null(ledger.Plan("pi-1", [Workload("a")], appliedVersion: 41));
        Assert.Equal(42, ledger.Plan("pi-1", [], appliedVersion: 41)!.Version);
    }

    [Fact]
    public void Plan_ADeviceAheadOfEverythingKnown_SetsTheFloor()
    {
        // The broker lost its retained copy and the bridge its memory, but the device remembers version 50.
        var ledger = new DesiredLedger();

        Assert.Equal(51, ledger.Plan("pi-1", [Workload("a")], appliedVersion: 50)!.Version);
    }

    [Fact]
    public void Observe_AnotherWritersNewerDocument_IsAnnounced_ButTheEchoOfOurOwnIsNot()
    {
        var ledger = new DesiredLedger();
        var overtaken = new List<string>();
        using var _ = ledger.Overtaken.Subscribe(overtaken.Add);
        var ours = ledger.Plan("pi-1", [Workload("a")], 0)!;
        ledger.Publishing(ours);

        ledger.Observe(ours);
        ledger.Published(ours);
        ledger.Observe(ours);
        Assert.Empty(overtaken);

        ledger.Observe(new DesiredState { DeviceId = "pi-1", Version = 9, Workloads = [Workload("x")] });
        Assert.Equal(["pi-1"], overtaken);
        Assert.Equal(10, ledger.Plan("pi-1", [Workload("a")], 0)!.Version);
    }

    [Fact]
    public void Pins_FromTheRetainedDocument_IncludingUnpinnedDecisions()
    {
        var ledger = new DesiredLedger();
        ledger.Observe(new DesiredState { DeviceId = "pi-1", Version = 3, Workloads = [Workload("a") with { Digest = Digest }, Workload("b") with { PodUid = "uid-b" }] });

        Assert.True(ledger.TryGetPin("pi-1", "uid-a", "reg/app:1", out var pinned));
        Assert.Equal(Digest, pinned);
        Assert.True(ledger.TryGetPin("pi-1", "uid-b", "reg/app:1", out var unpinned));
        Assert.Null(unpinned);
        Assert.False(ledger.TryGetPin("pi-1", "uid-c", "reg/app:1", out _));
        Assert.Equal(["uid-a", "uid-b"], ledger.PodUids("pi-1").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Published_Failed_LeavesTheVersionForTheNextTry()
    {
        var ledger = new DesiredLedger();
        var document = ledger.Plan("pi-1", [Workload("a")], 0)!;
        ledger.Publishing(document);
        ledger.Published(document, acknowledged: false);

        Assert.Equal(1, ledger.Plan("pi-1", [Workload("a")], 0)!.Version);
    }

    private static WorkloadSpec Workload(string pod) => new() { Id = new WorkloadId("default", pod, "main"), PodUid = "uid-" + pod, Image = "reg/app:1" };
}
