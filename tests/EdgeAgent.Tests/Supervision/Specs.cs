using EdgeWasm.EdgeAgent.Modules;
using EdgeWasm.EdgeAgent.Supervision;
using EdgeWasm.Protocol.Documents;
using EdgeWasm.Protocol.Profiles;

namespace EdgeWasm.EdgeAgent.Tests.Supervision;

/// <summary>
/// Compact builders for planner tables. A workload is named by its container in pod default/p: "a" is a regular
/// workload, "+i" an init workload (in the order written), "a:v2" uses image tag v2, "a@64" asks for 64 MiB.
/// An entry is "NAME=Phase", "NAME=Phase@+5" (retry due in 5 s) or "NAME=Phase@-1" (due 1 s ago).
/// </summary>
internal static class Specs
{
    public static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public static HardwareProfile Profile(long memoryMiB = 1024, int maxWorkloads = 16, int cores = 4, long storageMiB = 256) => new()
    {
        Name = "test-device",
        Arch = "arm64",
        Cores = cores,
        MemoryBytes = (memoryMiB + 128) << 20,
        ReservedMemoryBytes = 128L << 20,
        StorageBudgetBytes = storageMiB << 20,
        MaxWorkloads = maxWorkloads,
        FuelPerCoreSecond = 100_000_000,
        DefaultLimits = new WorkloadLimits { MemoryBytes = 16L << 20, FuelPerSecond = 10_000_000 },
    };

    public static WorkloadId Id(string container, string pod = "p") => new("default", pod, container);

    public static WorkloadSpec Workload(string text, int order = 0, string pod = "p", string? uid = "uid-1")
    {
        var init = text.StartsWith('+');
        var name = text.TrimStart('+');
        long? memory = null;
        var at = name.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            memory = long.Parse(name[(at + 1)..], System.Globalization.CultureInfo.InvariantCulture) << 20;
            name = name[..at];
        }

        var tag = "v1";
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            tag = name[(colon + 1)..];
            name = name[..colon];
        }

        return new WorkloadSpec
        {
            Id = Id(name, pod),
            PodUid = uid,
            Image = $"registry.test/{name}:{tag}",
            Init = init,
            Order = order,
            Limits = new WorkloadLimits { MemoryBytes = memory },
        };
    }

    public static DesiredState Desired(string workloads, long version = 1) => new()
    {
        DeviceId = "pi-1",
        Version = version,
        // Init workloads run in Order, then by container name: the tables name them i1, i2, ... and leave Order at 0.
        Workloads = [.. Split(workloads).Select(w => Workload(w))],
    };

    public static CurrentState Current(string entries) =>
        CurrentState.Of([.. Split(entries).Select(Entry)]);

    public static WorkloadEntry Entry(string text)
    {
        var parts = text.Split('=');
        var phaseText = parts[1];
        DateTimeOffset? retryAt = null;
        var at = phaseText.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            retryAt = Now.AddSeconds(int.Parse(phaseText[(at + 1)..], System.Globalization.CultureInfo.InvariantCulture));
            phaseText = phaseText[..at];
        }

        var phase = Enum.Parse<WorkloadPhase>(phaseText);
        var spec = Workload(parts[0]);
        var hasModule = phase is not (WorkloadPhase.NotAdmitted or WorkloadPhase.Pending or WorkloadPhase.Pulling or WorkloadPhase.PullBackOff);
        return new WorkloadEntry
        {
            Spec = spec,
            Limits = Profile().ResolveLimits(spec.Limits),
            Phase = phase,
            RetryAt = retryAt,
            Module = hasModule ? Module(spec.Image) : null,
            ModuleBytes = hasModule ? 1 << 20 : null,
            Message = phase == WorkloadPhase.NotAdmitted ? "memory: old" : null,
        };
    }

    public static CachedModule Module(string image) =>
        new(ContentDigest.Compute(System.Text.Encoding.UTF8.GetBytes(image)), ContentDigest.Compute(System.Text.Encoding.UTF8.GetBytes("manifest " + image)), ModuleSource.Cache);

    /// <summary>The plan's commands, "; "-separated, with "default/p/" left out.</summary>
    public static string Render(Plan plan) => string.Join("; ", plan.Commands).Replace("default/p/", "", StringComparison.Ordinal);

    private static string[] Split(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
