using EdgeWasm.EdgeAgent.Store;
using EdgeWasm.EdgeAgent.Sync;
using Microsoft.Extensions.Logging;

namespace EdgeWasm.EndToEnd.Tests.Sync;

/// <summary>An agent's store and MQTT link, running in this process until stopped.</summary>
internal sealed class AgentUnderTest : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task _run = Task.CompletedTask;
    private bool _stopped;

    private AgentUnderTest(AgentStore store, MqttCloudLink link)
    {
        Store = store;
        Link = link;
    }

    public AgentStore Store { get; }

    public MqttCloudLink Link { get; }

    public static async Task<AgentUnderTest> StartAsync(string storePath, MqttSyncOptions options, ILogger logger)
    {
        var store = await AgentStore.OpenAsync(new StoreOptions { Path = storePath }, TimeProvider.System, null, CancellationToken.None);
        var agent = new AgentUnderTest(store, new MqttCloudLink(options, store, TimeProvider.System, logger));
        agent._run = agent.Link.RunAsync(agent._stop.Token);
        return agent;
    }

    /// <summary>Stops the link cleanly (presence offline, DISCONNECT) and closes the store.</summary>
    public async Task StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
        await _stop.CancelAsync();
        try
        {
            await _run;
        }
        catch (OperationCanceledException)
        {
        }

        await Store.DisposeAsync();
        _stop.Dispose();
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}
