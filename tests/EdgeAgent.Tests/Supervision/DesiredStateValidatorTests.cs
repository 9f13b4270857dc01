using EdgeWasm.EdgeAgent.Supervision;
using EdgeWasm.Protocol.Documents;
using static EdgeWasm.EdgeAgent.Tests.Supervision.Specs;

namespace EdgeWasm.EdgeAgent.Tests.Supervision;

public sealed class DesiredStateValidatorTests
{
    public static TheoryData<string, Func<WorkloadSpec, WorkloadSpec>> BrokenWorkloads => new()
    {
        { "namespace 'Default' is not a lowercase DNS name", w => w with { Id = new WorkloadId("Default", "p", "a") } },
        { "container name 'a..' is not a lowercase DNS name", w => w with { Id = new WorkloadId("default", "p", "a..") } },
        { "pod uid 'x/y' is not", w => w with { PodUid = "x/y" } },
        { "image is empty", w => w with { Image = " " } },
        { "memory limit 100 is not between", w => w with { Limits = new WorkloadLimits { MemoryBytes = 100 } } },
        { "fuel per second 0 is not positive", w => w with { Limits = new WorkloadLimits { FuelPerSecond = 0 } } },
        { "deadline -5 ms is not positive", w => w with { Limits = new WorkloadLimits { DeadlineMs = -5 } } },
        { "listen port 70000 is not 1..65535", w => w with { ListenPort = 70000 } },
        { "environment variable 'A=B'", w => w with { Env = [new EnvVar("A=B", "x")] } },
        { "an argument is null or holds a NUL", w => w with { Args = ["ok", "bad\0"] } },
        { "guest path 'data' must be absolute", w => w with { Volumes = [Volume("data", "data")] } },
        { "volume name 'Data' is not a lowercase DNS name", w => w with { Volumes = [Volume("Data", "/data")] } },
        { "volume 'd' appears more than once", w => w with { Volumes = [Volume("d", "/a"), Volume("d", "/b")] } },
        { "guest path /a/ is used twice", w => w with { Volumes = [Volume("d", "/a"), Volume("e", "/a/")] } },
        { "file path '../etc/passwd' must be relative", w => w with { Volumes = [Files(new VolumeFile("../etc/passwd", "eA=="))] } },
        { "file path '/abs' must be relative", w => w with { Volumes = [Files(new VolumeFile("/abs", "eA=="))] } },
        { "file x content is not base64", w => w with { Volumes = [Files(new VolumeFile("x", "not base64!"))] } },
        { "is an emptyDir but carries files", w => w with { Volumes = [Volume("d", "/d") with { Files = [new VolumeFile("x", "eA==")] }] } },
    };

    [Theory]
    [MemberData(nameof(BrokenWorkloads))]
    public void ABrokenWorkload_IsNamedWithWhatIsWrong(string expected, Func<WorkloadSpec, WorkloadSpec> breakIt)
    {
        var desired = Desired("a") with { Workloads = [breakIt(Workload("a"))] };

        var error = Assert.Single(DesiredStateValidator.Validate(desired, "pi-1"));

        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void DocumentLevelProblems_AreEachReported()
    {
        var desired = new DesiredState
        {
            DeviceId = "pi-2",
            Version = 0,
            Schema = 7,
            Workloads =
            [
                Workload("a") with { ListenPort = 8080 },
                Workload("a"),
                Workload("b", uid: "other") with { ListenPort = 8080 },
            ],
        };

        var errors = DesiredStateValidator.Validate(desired, "pi-1");

        Assert.Equal(
            [
                "schema 7 is not supported (this agent speaks 1)",
                "the document is for device 'pi-2', this is 'pi-1'",
                "version 0 is not positive",
                "workload default/p/a appears more than once",
                "workload default/p/b has pod uid 'other' but another workload of pod default/p has 'uid-1'",
                "workload default/p/b: listen port 8080 is already taken by default/p/a",
            ],
            errors);
    }

    [Fact]
    public void ASoundDocument_PassesWithVolumesPortsAndInitWorkloads()
    {
        var desired = Desired("+i1,a,b") with
        {
            Workloads =
            [
                Workload("+i1"),
                Workload("a") with { ListenPort = 8080, Volumes = [Volume("cache", "/cache"), Files(new VolumeFile("conf/app.json", "e30="))], Env = [new EnvVar("MODE", "edge")] },
                Workload("b") with { ListenPort = 8081, Args = ["--fast"] },
            ],
        };

        Assert.Empty(DesiredStateValidator.Validate(desired, "pi-1"));
    }

    private static VolumeSpec Volume(string name, string guestPath) => new() { Name = name, GuestPath = guestPath, Kind = VolumeKind.EmptyDir };

    private static VolumeSpec Files(params VolumeFile[] files) => new() { Name = "cfg", GuestPath = "/config", Kind = VolumeKind.Files, Files = files };
}
