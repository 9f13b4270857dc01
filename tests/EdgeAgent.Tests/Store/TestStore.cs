using EdgeWasm.EdgeAgent.Store;
using EdgeWasm.TestSupport;

namespace EdgeWasm.EdgeAgent.Tests.Store;

/// <summary>A store in a temp folder with a fake clock; reopen it to check what survives a restart.</summary>
internal sealed class TestStore : IAsyncDisposable
{
    private readonly TempDirectory _folder = new("edgewasm-store");

    private TestStore(StoreOptions options)
    {
        Options = options;
    }

    public FakeTimeProvider Clock { get; } = new();

    public StoreOptions Options { get; }

    public AgentStore Store { get; private set; } = null!;

    public static async Task<TestStore> OpenAsync(Action<StoreOptions>? configure = null)
    {
        var options = new StoreOptions();
        var test = new TestStore(options);
        options.Path = test._folder.Combine("agent.db");
        configure?.Invoke(options);
        test.Store = await AgentStore.OpenAsync(options, test.Clock, null, CancellationToken.None);
        return test;
    }

    /// <summary>Closes the store and opens the same file again, as a restarted agent would.</summary>
    public async Task ReopenAsync()
    {
        await Store.DisposeAsync();
        Store = await AgentStore.OpenAsync(Options, Clock, null, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        _folder.Dispose();
    }
}
