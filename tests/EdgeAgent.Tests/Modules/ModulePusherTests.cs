using System.Text.Json;
using EdgeWasm.EdgeAgent.Modules.Oci;
using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.EdgeAgent.Tests.Modules;

public sealed class ModulePusherTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Push_WritesAWasmArtifact_ThatTheRegistryServesBackByDigest()
    {
        await using var host = await ModuleTestHost.StartAsync();

        var pushed = await host.PushAsync(WasmModules.Hello, "tools/hello:2");

        var manifest = await host.Client.GetManifestAsync(host.Reference("tools/hello:2"), pushed.ManifestDigest.Value, null, None);
        Assert.Equal(MediaTypes.OciManifest, manifest.MediaType);
        Assert.Contains("\"application/vnd.wasm.content.layer.v1+wasm\"", System.Text.Encoding.UTF8.GetString(manifest.Content), StringComparison.Ordinal);
        Assert.Equal(MediaTypes.WasmConfig, manifest.Manifest.Config!.MediaType);
        var layer = Assert.Single(manifest.Manifest.Layers!);
        Assert.Equal((MediaTypes.WasmContentLayer, pushed.LayerDigest, (long)WasmModules.Hello.Length), (layer.MediaType, layer.Digest, layer.Size));
        var config = await host.Client.GetBlobAsync(host.Reference("tools/hello:2"), manifest.Manifest.Config, 1 << 20, null, None);
        var parsed = JsonSerializer.Deserialize(config, OciJsonContext.Default.WasmConfig)!;
        Assert.Equal(("wasm", "wasip1", host.Clock.GetUtcNow()), (parsed.Architecture, parsed.Os, parsed.Created));
        Assert.Equal([pushed.LayerDigest.Value], parsed.LayerDigests);
    }

    [Fact]
    public async Task Push_AgainWithTheSameModule_UploadsNoBlob()
    {
        await using var host = await ModuleTestHost.StartAsync();
        var first = await host.PushAsync(WasmModules.Hello, "tools/hello:1");
        host.Recorder.Clear();

        var second = await host.PushAsync(WasmModules.Hello, "tools/hello:1");

        Assert.Equal(first.ManifestDigest, second.ManifestDigest);
        Assert.DoesNotContain(host.Recorder.Requests, r => r.StartsWith("POST", StringComparison.Ordinal));
        Assert.Contains("PUT /v2/tools/hello/manifests/1", host.Recorder.Requests);
    }

    [Fact]
    public async Task Push_OfSomethingThatIsNotWasm_IsRefusedBeforeAnyRequest()
    {
        await using var host = await ModuleTestHost.StartAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => host.PushAsync("not wasm"u8.ToArray(), "tools/x:1"));

        Assert.Contains("not a wasm module", error.Message, StringComparison.Ordinal);
        Assert.Empty(host.Recorder.Requests);
    }

    [Fact]
    public async Task Push_ToADigestOnlyReference_IsRefused()
    {
        await using var host = await ModuleTestHost.StartAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => host.Pusher.PushAsync(WasmModules.Hello, host.Reference($"tools/x@{ContentDigest.Compute("x"u8)}"), null, null, None));
    }
}
