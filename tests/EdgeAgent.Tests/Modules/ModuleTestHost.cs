using EdgeWasm.Protocol.Images;
using EdgeWasm.EdgeAgent.Modules;
using EdgeWasm.EdgeAgent.Modules.Oci;
using EdgeWasm.EdgeAgent.Store;
using EdgeWasm.EdgeAgent.Tests.Store;
using EdgeWasm.Protocol.Documents;
using EdgeWasm.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeWasm.EdgeAgent.Tests.Modules;

/// <summary>A real registry, a store, and the module cache and pusher between them, with every HTTP request recorded.</summary>
internal sealed class ModuleTestHost : IAsyncDisposable
{
    private readonly TestStore _store;
    private readonly HttpClient _http;

    private ModuleTestHost(OciRegistryFixture registry, TestStore store, ModuleCacheOptions options, TimeProvider? time)
    {
        Registry = registry;
        _store = store;
        _http = new HttpClient(Recorder) { Timeout = Timeout.InfiniteTimeSpan };
        // The client's clock is real unless a test controls token expiry; idle timeouts need time to pass.
        Client = new RegistryClient(_http, new RegistryClientOptions { RequestTimeout = TimeSpan.FromSeconds(20) }, time ?? TimeProvider.System, NullLogger<RegistryClient>.Instance);
        Cache = new ModuleCache(store.Store, Client, options, NullLogger<ModuleCache>.Instance);
        Pusher = new ModulePusher(Client, store.Clock);
    }

    public OciRegistryFixture Registry { get; }

    public RecordingHandler Recorder { get; } = new();

    public RegistryClient Client { get; }

    public ModuleCache Cache { get; }

    public ModulePusher Pusher { get; }

    public AgentStore Store => _store.Store;

    public FakeTimeProvider Clock => _store.Clock;

    public static async Task<ModuleTestHost> StartAsync(RegistryAuth? auth = null, ModuleCacheOptions? options = null, TimeProvider? clientTime = null)
    {
        var registry = await OciRegistryFixture.StartAsync(auth);
        try
        {
            return new ModuleTestHost(registry, await TestStore.OpenAsync(), options ?? new ModuleCacheOptions(), clientTime);
        }
        catch
        {
            await registry.DisposeAsync();
            throw;
        }
    }

    public ImageReference Reference(string repositoryAndTag) => ImageReference.Parse($"{Registry.Host}/{repositoryAndTag}");

    public Task<PushResult> PushAsync(byte[] module, string repositoryAndTag, RegistryCredential? credential = null) =>
        Pusher.PushAsync(module, Reference(repositoryAndTag), credential, null, CancellationToken.None);

    public Task<CachedModule> EnsureAsync(string repositoryAndTag, PullPolicy policy = PullPolicy.IfNotPresent, string holder = "default/app/main", ContentDigest? digest = null, params RegistryCredential[] credentials) =>
        Cache.EnsureAsync(new ModuleRequest($"{Registry.Host}/{repositoryAndTag}", digest, policy, credentials, holder), CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _store.DisposeAsync();
        await Registry.DisposeAsync();
    }
}
