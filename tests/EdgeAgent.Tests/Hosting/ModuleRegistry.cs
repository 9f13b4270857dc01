using EdgeWasm.EdgeAgent.Modules.Oci;
using EdgeWasm.Protocol.Images;
using EdgeWasm.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeWasm.EdgeAgent.Tests.Hosting;

/// <summary>A real registry (docker-registry on a free loopback port) holding the C fixtures as wasm images.</summary>
public sealed class ModuleRegistry : IAsyncLifetime
{
    /// <summary>The fixtures pushed, each as edge/NAME:v1.</summary>
    public static readonly string[] Modules = ["job", "crasher", "memhog", "wasi_spin", "sensor", "volumes", "hello"];

    private OciRegistryFixture? _registry;

    public OciRegistryFixture Registry => _registry ?? throw new InvalidOperationException("not started");

    /// <summary>The image reference of a pushed fixture.</summary>
    public string Image(string fixture) => Image(Registry, fixture);

    public static string Image(OciRegistryFixture registry, string fixture) => $"{registry.Host}/edge/{fixture.Replace('_', '-')}:v1";

    public async Task InitializeAsync()
    {
        _registry = await OciRegistryFixture.StartAsync();
        await PushAsync(_registry, Modules);
    }

    /// <summary>Pushes fixtures to <paramref name="registry"/>.</summary>
    public static async Task PushAsync(OciRegistryFixture registry, params string[] fixtures)
    {
        using var http = new HttpClient();
        var pusher = new ModulePusher(new RegistryClient(http, new RegistryClientOptions(), TimeProvider.System, NullLogger<RegistryClient>.Instance), TimeProvider.System);
        foreach (var fixture in fixtures)
        {
            await pusher.PushAsync(File.ReadAllBytes(Fixtures.Wasm(fixture)), ImageReference.Parse(Image(registry, fixture)), null, null, CancellationToken.None);
        }
    }

    public async Task DisposeAsync()
    {
        if (_registry is not null) await _registry.DisposeAsync();
    }
}
