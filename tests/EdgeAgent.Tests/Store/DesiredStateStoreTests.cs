using EdgeWasm.EdgeAgent.Store;
using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.EdgeAgent.Tests.Store;

public sealed class DesiredStateStoreTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static DesiredState Document(long version) => new()
    {
        DeviceId = "pi-1",
        Version = version,
        Workloads = [new WorkloadSpec { Id = new WorkloadId("default", "app", "main"), Image = "127.0.0.1:5000/app:" + version }],
    };

    [Fact]
    public async Task Load_BeforeAnyDocument_IsNull()
    {
        await using var test = await TestStore.OpenAsync();

        Assert.Null(await test.Store.Desired.LoadAsync(None));
        Assert.Equal(0, await test.Store.Desired.GetVersionAsync(None));
    }

    [Fact]
    public async Task Save_ANewerVersion_StoresIt_AndReportsTheAppliedVersion()
    {
        await using var test = await TestStore.OpenAsync();

        Assert.True(await test.Store.Desired.SaveAsync(Document(3), None));
        Assert.True(await test.Store.Desired.SaveAsync(Document(5), None));

        var stored = await test.Store.Desired.LoadAsync(None);
        Assert.Equal(5, stored!.Document.Version);
        Assert.Equal("127.0.0.1:5000/app:5", stored.Document.Workloads[0].Image);
        Assert.Equal(test.Clock.GetUtcNow(), stored.SavedAt);
        var entries = await test.Store.Outbox.PeekAsync(10, None);
        Assert.Equal(["3", "5"], entries.Select(e => e.Payload));
        Assert.All(entries, e => Assert.Equal(OutboxKind.AppliedVersion, e.Kind));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public async Task Save_AnOlderOrEqualVersion_IsIgnored(long version)
    {
        await using var test = await TestStore.OpenAsync();
        await test.Store.Desired.SaveAsync(Document(5), None);

        Assert.False(await test.Store.Desired.SaveAsync(Document(version) with { DeviceId = "other" }, None));

        Assert.Equal("pi-1", (await test.Store.Desired.LoadAsync(None))!.Document.DeviceId);
        Assert.Single(await test.Store.Outbox.PeekAsync(10, None));
    }

    [Fact]
    public async Task TheAppliedDocument_SurvivesARestart()
    {
        await using var test = await TestStore.OpenAsync();
        await test.Store.Desired.SaveAsync(Document(9), None);

        await test.ReopenAsync();

        Assert.Equal(Document(9).Workloads[0].Id, (await test.Store.Desired.LoadAsync(None))!.Document.Workloads[0].Id);
        Assert.Equal(9, await test.Store.Desired.GetVersionAsync(None));
    }
}
