using EdgeWasm.EdgeAgent.Modules;
using EdgeWasm.EdgeAgent.Modules.Oci;
using EdgeWasm.EdgeAgent.Store;
using EdgeWasm.EdgeAgent.Supervision;
using EdgeWasm.EdgeAgent.Supervision.Running;
using EdgeWasm.EdgeAgent.Tests.Store;
using EdgeWasm.Protocol.Documents;
using EdgeWasm.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EdgeWasm.EdgeAgent.Tests.Supervision.Running;

/// <summary>A store with real fixture modules in it, and the runtime that runs them on the real clock.</summary>
internal sealed class RunnerHarness : IAsyncDisposable
{
    private readonly TestStore _store;
    private readonly HttpClient _http = new();
    private readonly TempDirectory _data = new("edgewasm-runs");

    private RunnerHarness(TestStore store, SupervisorOptions options)
    {
        _store = store;
        Cache = new ModuleCache(store.Store, new RegistryClient(_http, new RegistryClientOptions(), TimeProvider.System, NullLogger<RegistryClient>.Instance), new ModuleCacheOptions(), NullLogger<ModuleCache>.Instance);
        Runtime = new WorkloadRuntime(Cache, store.Store, new VolumeLayout(_data.Path), Options.Create(options), store.Options, TimeProvider.System, NullLogger<WorkloadRuntime>.Instance);
    }

    public ModuleCache Cache { get; }

    public WorkloadRuntime Runtime { get; }

    public AgentStore Store => _store.Store;

    public string DataDirectory => _data.Path;

    public static async Task<RunnerHarness> StartAsync(SupervisorOptions? options = null) =>
        new(await TestStore.OpenAsync(), options ?? new SupervisorOptions());

    /// <summary>Puts a module in the cache, as a fetch would have.</summary>
    public async Task<CachedModule> CacheAsync(byte[] module)
    {
        var put = await Store.Blobs.PutAsync(module, new BlobPutOptions { PinHolder = "test/" + Convert.ToHexString(module.AsSpan(0, Math.Min(8, module.Length))) }, CancellationToken.None);
        return new CachedModule(put.Digest, put.Digest, ModuleSource.Cache);
    }

    public Task<CachedModule> CacheFixtureAsync(string fixture) => CacheAsync(File.ReadAllBytes(Fixtures.Wasm(fixture)));

    /// <summary>Starts a run of <paramref name="fixture"/> with <paramref name="spec"/>'s settings and limits (unset ones from the test profile).</summary>
    public async Task<WorkloadRun> StartAsync(string fixture, WorkloadSpec spec, long run = 1)
    {
        var module = await CacheFixtureAsync(fixture);
        return Start(module, spec, run);
    }

    public WorkloadRun Start(CachedModule module, WorkloadSpec spec, long run = 1) =>
        Runtime.Start(new RunRequest(spec, Specs.Profile().ResolveLimits(spec.Limits), module, run, TimeProvider.System.GetUtcNow()));

    public async Task<RunOutcome> RunAsync(string fixture, WorkloadSpec spec) =>
        await (await StartAsync(fixture, spec)).Completion.WaitAsync(TimeSpan.FromSeconds(60));

    public async Task<string[]> LogAsync(WorkloadId id) =>
        [.. (await Store.Logs.ReadAsync(id, LogQuery.All, CancellationToken.None)).Select(l => $"{l.Stream}: {l.Text}")];

    public static WorkloadSpec Spec(string container, params string[] args) => new()
    {
        Id = new WorkloadId("default", "runs", container),
        PodUid = "uid-1",
        Image = $"registry.test/{container}:v1",
        Args = args,
    };

    public async ValueTask DisposeAsync()
    {
        Runtime.Dispose();
        _http.Dispose();
        await _store.DisposeAsync();
        _data.Dispose();
    }
}
