using EdgeWasm.Protocol.Mqtt;
using EdgeWasm.TestSupport;

namespace EdgeWasm.Protocol.Tests.Mqtt;

/// <summary>Counts the binding's live GCHandles, a process-wide number: it runs alone, after the parallel tests.</summary>
[CollectionDefinition(nameof(GCHandleAccountingTests), DisableParallelization = true)]
public sealed class GCHandleAccountingCollection;

[Collection(nameof(GCHandleAccountingTests))]
public sealed class GCHandleAccountingTests : IAsyncLifetime
{
    private MosquittoFixture _broker = null!;

    public async Task InitializeAsync() => _broker = await MosquittoFixture.StartAsync();

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    [Fact]
    public async Task ManyClients_CreatedAndDisposed_LeaveNoGCHandles()
    {
        var before = MqttClient.LiveHandleCount;
        for (var i = 0; i < 60; i++)
        {
            var client = new MqttClient(_broker.ClientOptions($"churn-{i}"));
            if (i % 3 == 1) await client.ConnectAsync(Timeout());
            if (i % 3 == 2) client.Start();
            Assert.True(MqttClient.LiveHandleCount > before);
            await client.DisposeAsync();
        }

        Assert.Equal(before, MqttClient.LiveHandleCount);
    }


    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token;
}
