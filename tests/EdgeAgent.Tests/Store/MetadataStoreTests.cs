using EdgeWasm.EdgeAgent.Store;

namespace EdgeWasm.EdgeAgent.Tests.Store;

public sealed class MetadataStoreTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Values_CanBeSetOverwrittenRemovedAndListed_AndSurviveARestart()
    {
        await using var test = await TestStore.OpenAsync();
        var metadata = test.Store.Metadata;

        await metadata.SetAsync(MetadataKeys.DeviceId, "pi-1", None);
        await metadata.SetAsync(MetadataKeys.AgentVersion, "0.1.0", None);
        await metadata.SetAsync(MetadataKeys.AgentVersion, "0.2.0", None);
        await metadata.SetAsync(MetadataKeys.Profile, "raspberry-pi-4-4gb", None);
        Assert.True(await metadata.RemoveAsync(MetadataKeys.Profile, None));
        Assert.False(await metadata.RemoveAsync(MetadataKeys.Profile, None));

        await test.ReopenAsync();

        Assert.Equal("pi-1", await test.Store.Metadata.GetAsync(MetadataKeys.DeviceId, None));
        Assert.Null(await test.Store.Metadata.GetAsync(MetadataKeys.Profile, None));
        Assert.Equal(
            new Dictionary<string, string> { [MetadataKeys.AgentVersion] = "0.2.0", [MetadataKeys.DeviceId] = "pi-1" },
            await test.Store.Metadata.GetAllAsync(None));
    }
}
