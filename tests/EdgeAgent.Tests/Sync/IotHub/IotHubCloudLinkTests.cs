using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeWasm.EdgeAgent.Store;
using EdgeWasm.EdgeAgent.Sync;
using EdgeWasm.Protocol.Documents;
using EdgeWasm.Protocol.IotHub;
using EdgeWasm.Protocol.Topics;
using EdgeWasm.TestSupport;

namespace EdgeWasm.EdgeAgent.Tests.Sync.IotHub;

/// <summary>The agent's IoT Hub link with a real store against the emulated hub.</summary>
public sealed class IotHubCloudLinkTests
{
    private static readonly WorkloadId Sensor = new("default", "sensor", "main");

    [Fact]
    public async Task DesiredDocument_SetWhileOffline_IsStoredAndHandedOnAtConnect_AndItsVersionReported()
    {
        await using var test = await LinkHarness.StartAsync(connect: false);
        await test.SetDesiredAsync(Desired("pi-1", 3, "one"));

        await test.StartLinkAsync();

        var document = await test.Link.DesiredDocuments.ReadAsync(LinkHarness.Timeout());
        Assert.Equal(3, document.Version);
        Assert.Equal(3, (await test.Store.Store.Desired.LoadAsync(default))!.Document.Version);
        await Eventually.TrueAsync(() => test.Report()?.AppliedVersion == 3, "the twin reports version 3 applied", LinkHarness.Patience);
        // The outbox entry goes once the 204 is back, a moment after the hub applied the patch.
        await Eventually.TrueAsync(() => test.Link.DeliveredSequence == 1, "the applied-version entry is delivered", LinkHarness.Patience);
        Assert.Equal(0, (await test.Store.Store.Outbox.GetPositionAsync(default)).Pending);
        Assert.Empty(test.Log.UnexpectedErrors());
    }

    [Fact]
    public async Task DesiredNotifications_AreAppliedInVersionOrder_AndAnOlderDocumentIsIgnored()
    {
        await using var test = await LinkHarness.StartAsync();
        await Eventually.TrueAsync(() => test.Report() is not null, "the first report", LinkHarness.Patience);

        await test.SetDesiredAsync(Desired("pi-1", 5, "five"));
        Assert.Equal(5, (await test.Link.DesiredDocuments.ReadAsync(LinkHarness.Timeout())).Version);
        await test.SetDesiredAsync(Desired("pi-1", 4, "older"));
        await test.SetDesiredAsync(Desired("pi-1", 6, "six"));

        var six = await test.Link.DesiredDocuments.ReadAsync(LinkHarness.Timeout());
        Assert.Equal(6, six.Version);
        Assert.Equal("registry.local/six:1", Assert.Single(six.Workloads).Image);
        Assert.Equal(6, (await test.Store.Store.Desired.GetVersionAsync(default)));
        await Eventually.TrueAsync(() => test.Report()?.AppliedVersion == 6, "the twin reports version 6", LinkHarness.Patience);
    }

    [Fact]
    public async Task MissedDesiredNotification_IsNoticedByTheVersionGap_AndTheTwinIsFetchedAgain()
    {
        await using var test = await LinkHarness.StartAsync();
        await Eventually.TrueAsync(() => test.Report() is not null, "the first report", LinkHarness.Patience);
        var gets = test.Hub.TwinGets;

        test.Hub.DropNextDesiredNotification();
        await test.SetDesiredAsync(Desired("pi-1", 8, "lost"));
        await test.Hub.UpdateDesiredAsync("pi-1", new JsonObject { ["unrelated"] = "x" });

        var document = await test.Link.DesiredDocuments.ReadAsync(LinkHarness.Timeout());
        Assert.Equal(8, document.Version);
        Assert.True(test.Hub.TwinGets > gets, "the link fetched the twin again");
    }

    [Fact]
    public async Task TamperedDesiredDocument_IsRefused_AndTheRefusalReported()
    {
        await using var test = await LinkHarness.StartAsync();
        var property = DesiredTwin.Encode(Desired("pi-1", 9, "x"), 1024 * 1024);
        property["sha256"] = new string('0', 64);

        await test.Hub.UpdateDesiredAsync("pi-1", new JsonObject { [DesiredTwin.PropertyName] = property });

        await Eventually.TrueAsync(() => test.Report()?.Rejected is not null, "the twin reports the refusal", LinkHarness.Patience);
        var rejected = test.Report()!.Rejected!;
        Assert.Equal(TopicKind.Desired, rejected.Channel);
        Assert.Equal(9, rejected.Version);
        Assert.Contains("SHA-256", rejected.Reason, StringComparison.Ordinal);
        Assert.Equal(1, test.Link.RefusedPayloads);
        Assert.Null(await test.Store.Store.Desired.LoadAsync(default));
    }

    [Fact]
    public async Task DesiredDocumentTheSupervisorCannotApply_IsRefusedAtTheLink_AndTheRefusalReported()
    {
        await using var test = await LinkHarness.StartAsync();
        var tiny = Desired("pi-1", 6, "x");
        tiny = tiny with { Workloads = [tiny.Workloads[0] with { Limits = new WorkloadLimits { MemoryBytes = 100 } }] };

        await test.Hub.UpdateDesiredAsync("pi-1", new JsonObject { [DesiredTwin.PropertyName] = DesiredTwin.Encode(tiny, 1024 * 1024) });

        await Eventually.TrueAsync(() => test.Report()?.Rejected is not null, "the twin reports the refusal", LinkHarness.Patience);
        var rejected = test.Report()!.Rejected!;
        Assert.Equal(6, rejected.Version);
        Assert.StartsWith("invalid desired document version 6: ", rejected.Reason, StringComparison.Ordinal);
        Assert.Contains("memory limit 100 is not between one wasm page", rejected.Reason, StringComparison.Ordinal);
        Assert.Null(await test.Store.Store.Desired.LoadAsync(default));

        // A sound document after it is applied as usual.
        await test.SetDesiredAsync(Desired("pi-1", 7, "y"));
        Assert.Equal(7, (await test.Link.DesiredDocuments.ReadAsync(LinkHarness.Timeout())).Version);
    }

    [Fact]
    public async Task StatusChanges_ReachTheTwinInOrder_AndLeaveTheOutboxOnlyAfter204()
    {
        await using var test = await LinkHarness.StartAsync();
        for (var i = 1; i <= 200; i++) await test.Store.Store.Workloads.SetAsync(Status(Sensor, i), default);
        await test.Store.Store.Workloads.SetAsync(Status(new WorkloadId("default", "web.v2", "main"), 1), default);

        await Eventually.TrueAsync(() => test.Report()?.Sequence == 201, "the twin has sequence 201", LinkHarness.Patience);
        var report = test.Report()!;
        Assert.Equal(200, report.Workloads[TwinKeys.Workload(Sensor)].RestartCount);
        Assert.True(report.Workloads.ContainsKey("default/web%2Ev2/main"));
        Assert.Equal(0, report.TrimLevel);
        await Eventually.TrueAsync(() => test.Link.DeliveredSequence == 201, "the outbox is drained");
        Assert.Equal(0, (await test.Store.Store.Outbox.GetPositionAsync(default)).Pending);
        var sequences = test.Hub.ReportedPatches.Select(p => p.Patch[TwinReport.PropertyName]?["sequence"]?.GetValue<long>()).OfType<long>().ToList();
        Assert.Equal(sequences.Order(), sequences);
        Assert.Equal(sequences.Distinct(), sequences);

        await test.Store.Store.Workloads.RemoveAsync(Sensor, default);
        await Eventually.TrueAsync(() => test.Report() is { Sequence: 202 } r && !r.Workloads.ContainsKey(TwinKeys.Workload(Sensor)), "the removal reached the twin", LinkHarness.Patience);
        Assert.Empty(test.Log.UnexpectedErrors());
    }

    [Fact]
    public async Task ThrottledPatches_AreTriedAgain_WithoutLosingOrReorderingChanges()
    {
        await using var test = await LinkHarness.StartAsync();
        await Eventually.TrueAsync(() => test.Report() is not null, "the first report", LinkHarness.Patience);
        test.Hub.FailNextReportedPatches(429, 3);

        for (var i = 1; i <= 20; i++) await test.Store.Store.Workloads.SetAsync(Status(Sensor, i), default);

        await Eventually.TrueAsync(() => test.Report()?.Sequence == 20, "the twin has sequence 20", LinkHarness.Patience);
        Assert.Equal(20, test.Report()!.Workloads[TwinKeys.Workload(Sensor)].RestartCount);
        Assert.Equal(3, test.Log.Entries.Count(e => e.Event.Id == 2351));
        await Eventually.TrueAsync(() => test.Link.DeliveredSequence == 20, "the outbox is drained");
    }

    [Fact]
    public async Task PatchRefusedWith400_IsLogged_Reported_AndLaterChangesStillArrive()
    {
        await using var test = await LinkHarness.StartAsync();
        await Eventually.TrueAsync(() => test.Report() is not null, "the first report", LinkHarness.Patience);
        test.Hub.FailNextReportedPatches(400, 2);

        await test.Store.Store.Workloads.SetAsync(Status(Sensor, 1), default);
        await Eventually.TrueAsync(() => test.Report()?.Refused is not null, "the twin reports the refusal", LinkHarness.Patience);
        Assert.Equal(1, test.Report()!.Refused!.Sequence);
        Assert.Contains(test.Log.UnexpectedErrors(), e => e.StartsWith("2352", StringComparison.Ordinal));
        Assert.Contains(test.Hub.Telemetry, t => t.Properties["edgewasm"] == "refused-changes");
        await Eventually.TrueAsync(() => test.Link.DeliveredSequence == 1, "the refused change left the outbox");

        await test.Store.Store.Workloads.SetAsync(Status(Sensor, 2), default);
        await Eventually.TrueAsync(() => test.Report()?.Sequence == 2, "the next change arrived", LinkHarness.Patience);
        Assert.Equal(2, test.Report()!.Workloads[TwinKeys.Workload(Sensor)].RestartCount);
    }

    [Fact]
    public async Task ManyWorkloadsWithLongMessages_AreTrimmedToFit_AndTheChangesGoOutWholeAsTelemetry()
    {
        await using var test = await LinkHarness.StartAsync();
        var statuses = Enumerable.Range(1, 60).Select(i => Status(new WorkloadId("default", $"pod-{i}", "main"), i) with { Message = new string('m', 900) + i }).ToList();

        await test.Store.Store.Workloads.SetManyAsync(statuses, default);

        await Eventually.TrueAsync(() => test.Report()?.Sequence == 60, "the twin has all 60", LinkHarness.Patience);
        var report = test.Report()!;
        Assert.Equal(60, report.Workloads.Count);
        Assert.True(report.TrimLevel >= 1, $"trim level {report.TrimLevel}");
        Assert.All(report.Workloads.Values, w => Assert.True(w.Message is null || w.Message.Length <= 256));
        var reported = test.Hub.GetTwin("pi-1")["properties"]!["reported"]!.AsObject();
        Assert.InRange(TwinSize.Measure(reported), 1, 30 * 1024);
        var telemetry = test.Hub.Telemetry.Where(t => t.Properties["edgewasm"] == "reported-changes")
            .SelectMany(t => JsonSerializer.Deserialize(t.Payload, IotHubJsonContext.Default.ReportedChangeArray)!).ToList();
        Assert.Equal(Enumerable.Range(1, 60).Select(i => (long)i), telemetry.Select(c => c.Sequence));
        Assert.All(telemetry, c => Assert.StartsWith(new string('m', 900), c.Workload!.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task LostAnswerToAPatch_IsNotSentAgain_AfterTheReconnect()
    {
        await using var test = await LinkHarness.StartAsync();
        await Eventually.TrueAsync(() => test.Report() is not null, "the first report", LinkHarness.Patience);
        var connects = test.Hub.Connects("pi-1");
        test.Hub.LoseNextReportedAnswer();

        await test.Store.Store.Workloads.SetAsync(Status(Sensor, 1), default);

        await Eventually.TrueAsync(() => test.Hub.Connects("pi-1") > connects && test.Link.DeliveredSequence == 1, "the link reconnected and knows sequence 1 arrived", LinkHarness.Patience);
        Assert.Single(test.Hub.ReportedPatches, p => p.Patch[TwinReport.PropertyName]?["sequence"]?.GetValue<long>() == 1);
        Assert.Equal(0, (await test.Store.Store.Outbox.GetPositionAsync(default)).Pending);
    }

    [Fact]
    public async Task DirectMethods_Ping_GetLogs_RestartWorkload_AndUnknown()
    {
        var control = new RecordingControl();
        await using var test = await LinkHarness.StartAsync(control: control);
        await Eventually.TrueAsync(() => test.Report() is not null, "the first report", LinkHarness.Patience);
        await test.Store.Store.Workloads.SetAsync(Status(Sensor, 0), default);
        for (var i = 0; i < 5; i++) await test.Store.Store.Logs.AppendAsync(Sensor, LogStream.Stdout, $"line {i}", default);

        var (pingStatus, ping) = await test.Hub.InvokeMethodAsync("pi-1", DirectMethods.Ping, null);
        Assert.Equal(200, pingStatus);
        Assert.Equal(200, ping!["status"]!.GetValue<int>());
        Assert.Equal("pi-1", ping["payload"]!["deviceId"]!.GetValue<string>());

        var (_, logs) = await test.Hub.InvokeMethodAsync("pi-1", DirectMethods.GetLogs, new JsonObject { ["workload"] = Sensor.ToString(), ["tailLines"] = 2 });
        Assert.Equal(200, logs!["status"]!.GetValue<int>());
        var response = logs["payload"]!.Deserialize(TopicJsonContext.Default.LogsResponse)!;
        Assert.Equal(["line 3", "line 4"], response.Lines.Select(l => l.Text));

        var (_, restart) = await test.Hub.InvokeMethodAsync("pi-1", DirectMethods.RestartWorkload, new JsonObject { ["workload"] = Sensor.ToString() });
        Assert.Equal(200, restart!["status"]!.GetValue<int>());
        Assert.Equal([Sensor], control.Restarted);
        var (_, unknownWorkload) = await test.Hub.InvokeMethodAsync("pi-1", DirectMethods.RestartWorkload, new JsonObject { ["workload"] = "default/nope/main" });
        Assert.Equal(404, unknownWorkload!["status"]!.GetValue<int>());

        var (_, bad) = await test.Hub.InvokeMethodAsync("pi-1", DirectMethods.GetLogs, new JsonObject { ["workload"] = "not-an-id" });
        Assert.Equal(400, bad!["status"]!.GetValue<int>());
        var (_, unknown) = await test.Hub.InvokeMethodAsync("pi-1", "reboot", null);
        Assert.Equal(501, unknown!["status"]!.GetValue<int>());
        Assert.Contains("getLogs", unknown["payload"]!["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static WorkloadStatus Status(WorkloadId id, int restarts) => new()
    {
        Id = id,
        State = WorkloadState.Running,
        RestartCount = restarts,
        StartedAt = DateTimeOffset.UnixEpoch.AddSeconds(restarts),
    };

    private static DesiredState Desired(string device, long version, string image) => new()
    {
        DeviceId = device,
        Version = version,
        Workloads = [new WorkloadSpec { Id = Sensor, Image = $"registry.local/{image}:1" }],
    };

    private sealed class RecordingControl : IWorkloadControl
    {
        public List<WorkloadId> Restarted { get; } = [];

        public Task<RestartOutcome> RestartAsync(WorkloadId workload, CancellationToken cancellationToken)
        {
            if (workload != Sensor) return Task.FromResult(RestartOutcome.NotFound);
            lock (Restarted) Restarted.Add(workload);
            return Task.FromResult(RestartOutcome.Restarting);
        }
    }
}
