using EdgeWasm.EdgeAgent.Supervision;
using EdgeWasm.Protocol.Documents;
using static EdgeWasm.EdgeAgent.Tests.Supervision.Specs;

namespace EdgeWasm.EdgeAgent.Tests.Supervision;

public sealed class AdmissionTests
{
    [Theory]
    // Each pod asks for 16 MiB and 10^7 fuel/s (the defaults); the profile has 4 × 10^8 fuel/s and 16 slots.
    [InlineData(8, null, null, null)]
    [InlineData(17, "p16", "workloads: pod default/p16 needs 1 workload slots, 0 of the 16 allowed are free", null)]
    [InlineData(3, "p2", "cpu: pod default/p2 needs 200000000 fuel/s, 0 of the 400000000 allocatable fuel/s are free", 200_000_000L)]
    [InlineData(3, "p2", "memory: pod default/p2 needs 536870912 bytes, 0 of the 1073741824 allocatable bytes are free", null, 512L << 20)]
    public void PodsAreAdmittedInOrderUntilAResourceRunsShort(int pods, string? firstRefused, string? message, long? fuel, long? memory = null)
    {
        var desired = new DesiredState
        {
            DeviceId = "pi-1",
            Version = 1,
            Workloads = [.. Enumerable.Range(0, pods).Select(i => Workload("a", pod: $"p{i}") with { Limits = new WorkloadLimits { FuelPerSecond = fuel, MemoryBytes = memory } })],
        };

        var result = Admission.Decide(desired, CurrentState.Empty, Profile());

        if (firstRefused is null)
        {
            Assert.Empty(result.Refused);
            return;
        }

        var refusedPods = result.Refused.Keys.Select(k => k.Pod).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(firstRefused, refusedPods[0]);
        Assert.Equal(message, result.Refused[Id("a", firstRefused)]);
        Assert.Equal(pods - int.Parse(firstRefused[1..], System.Globalization.CultureInfo.InvariantCulture), refusedPods.Count);
    }

    [Fact]
    public void InitWorkloadsCount_AsTheLargerOfTheLargestInitAndTheSumOfTheRest()
    {
        var workloads = new[]
        {
            Workload("+i1@300"), Workload("+i2@100"), Workload("a@50"), Workload("b@60"),
        };

        var request = PodRequest.Of(workloads, Profile());

        Assert.Equal(300L << 20, request.MemoryBytes);
        Assert.Equal(20_000_000, request.FuelPerSecond);
        Assert.Equal(2, request.Slots);
        Assert.Equal(1, PodRequest.Of([Workload("+i1")], Profile()).Slots);
    }

    [Fact]
    public void Storage_CountsKnownModulesOnce_AndConfigFiles()
    {
        var shared = Entry("a=Running") with { ModuleBytes = 100L << 20 };
        var second = Workload("a", pod: "q");
        var files = Workload("c", pod: "r") with
        {
            Volumes = [new VolumeSpec { Name = "cfg", GuestPath = "/config", Kind = VolumeKind.Files, Files = [new VolumeFile("big", Convert.ToBase64String(new byte[200 << 20]))] }],
        };
        var current = CurrentState.Of(shared, shared with { Spec = second });
        var desired = new DesiredState { DeviceId = "pi-1", Version = 1, Workloads = [shared.Spec, second, files] };

        var result = Admission.Decide(desired, current, Profile(storageMiB: 256));

        var refusal = Assert.Single(result.Refused);
        Assert.Equal(Id("c", "r"), refusal.Key);
        Assert.Equal("storage: pod default/r needs 209715200 bytes of modules and files, 163577856 of the 268435456 budgeted bytes are free", refusal.Value);
    }
}
