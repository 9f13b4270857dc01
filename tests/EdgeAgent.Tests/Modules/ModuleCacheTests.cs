using EdgeWasm.Protocol.Images;
using System.Text.Json;
using EdgeWasm.EdgeAgent.Modules;
using EdgeWasm.EdgeAgent.Modules.Oci;
using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.EdgeAgent.Tests.Modules;

/// <summary>The module cache against a real docker-registry.</summary>
public sealed class ModuleCacheTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Ensure_DownloadsAPushedModule_VerifiesIt_AndPinsItForTheHolder()
    {
        await using var host = await ModuleTestHost.StartAsync();
        var pushed = await host.PushAsync(WasmModules.Hello, "sensors/hello:1.0");

        var module = await host.EnsureAsync("sensors/hello:1.0");

        Assert.Equal(ModuleSource.Downloaded, module.Source);
        Assert.Equal(pushed.ManifestDigest, module.ImageDigest);
        Assert.Equal(pushed.LayerDigest, module.BlobDigest);
        Assert.Equal(WasmModules.Hello, await host.Cache.ReadAsync(module, None));
        var pin = Assert.Single(await host.Store.Blobs.ListPinsAsync(None));
        Assert.Equal(("default/app/main", module.BlobDigest), (pin.Holder, pin.Digest));
    }

    [Fact]
    public async Task IfNotPresent_ACachedModule_UsesNoNetwork_EvenWithTheRegistryStopped()
    {
        await using var host = await ModuleTestHost.StartAsync();
        await host.PushAsync(WasmModules.Hello, "sensors/hello:1.0");
        var first = await host.EnsureAsync("sensors/hello:1.0");
        await host.Registry.StopAsync();
        host.Recorder.Clear();

        var again = await host.EnsureAsync("sensors/hello:1.0", holder: "default/other/main");

        Assert.Equal(ModuleSource.Cache, again.Source);
        Assert.Equal((first.BlobDigest, first.ImageDigest), (again.BlobDigest, again.ImageDigest));
        Assert.Empty(host.Recorder.Requests);
        Assert.Equal(2, (await host.Store.Blobs.ListPinsAsync(None)).Count);
    }

    [Fact]
    public async Task Always_AsksTheRegistryForTheManifest_ButDoesNotDownloadACachedModuleAgain()
    {
        await using var host = await ModuleTestHost.StartAsync();
        await host.PushAsync(WasmModules.Hello, "sensors/hello:1.0");
        await host.EnsureAsync("sensors/hello:1.0");
        host.Recorder.Clear();

        var again = await host.EnsureAsync("sensors/hello:1.0", PullPolicy.Always);

        Assert.Equal(ModuleSource.Revalidated, again.Source);
        Assert.Contains(host.Recorder.Requests, r => r.StartsWith("GET /v2/sensors/hello/manifests/1.0", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Recorder.Requests, r => r.Contains("/blobs/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Always_FindsANewModuleBehindAMovedTag_WhileIfNotPresentKeepsTheCachedOne()
    {
        await using var host = await ModuleTestHost.StartAsync();
        await host.PushAsync(WasmModules.Variant("v1"), "sensors/app:stable");
        var v1 = await host.EnsureAsync("sensors/app:stable");
        var v2Push = await host.PushAsync(WasmModules.Variant("v2"), "sensors/app:stable");

        var cached = await host.EnsureAsync("sensors/app:stable", PullPolicy.IfNotPresent);
        var fresh = await host.EnsureAsync("sensors/app:stable", PullPolicy.Always);

        Assert.Equal(v1.BlobDigest, cached.BlobDigest);
        Assert.Equal((ModuleSource.Downloaded, v2Push.LayerDigest, v2Push.ManifestDigest), (fresh.Source, fresh.BlobDigest, fresh.ImageDigest));
        Assert.Equal(WasmModules.Variant("v2"), await host.Cache.ReadAsync(fresh, None));
    }

    [Fact]
    public async Task Always_WithTheRegistryUnreachable_RunsTheCopyCachedForThatReference()
    {
        await using var host = await ModuleTestHost.StartAsync();
        await host.PushAsync(WasmModules.Hello, "sensors/hello:latest");
        var first = await host.EnsureAsync("sensors/hello", PullPolicy.Always);
        await host.Registry.StopAsync();

        var offline = await host.EnsureAsync("sensors/hello", PullPolicy.Always);

        Assert.Equal((ModuleSource.StaleCache, first.BlobDigest), (offline.Source, offline.BlobDigest));
    }

    [Fact]
    public async Task Never_UsesTheCacheOnly()
    {
        await using var host = await ModuleTestHost.StartAsync();
        await host.PushAsync(WasmModules.Hello, "sensors/hello:1.0");

        var error = await Assert.ThrowsAsync<ImageNotCachedException>(() => host.EnsureAsync("sensors/hello:1.0", PullPolicy.Never));
        Assert.Contains("pull policy is Never", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Recorder.Requests, r => r.StartsWith("GET", StringComparison.Ordinal));

        await host.EnsureAsync("sensors/hello:1.0");
        Assert.Equal(ModuleSource.Cache, (await host.EnsureAsync("sensors/hello:1.0", PullPolicy.Never)).Source);
    }

    [Theory]
    [InlineData("sensors/hello:9.9")]
    [InlineData("nobody/here:1.0")]
    public async Task Ensure_AnUnknownTagOrRepository_IsNotFound(string image)
    {
        await using var host = await ModuleTestHost.StartAsync();
        await host.PushAsync(WasmModules.Hello, "sensors/hello:1.0");

        var error = await Assert.ThrowsAsync<ImageNotFoundException>(() => host.EnsureAsync(image));

        Assert.Contains("404", error.Message, StringComparison.Ordinal);
        Assert.Contains("UNKNOWN", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ensure_WithTheRegistryStoppedAndNothingCached_IsUnreachable()
    {
        await using var host = await ModuleTestHost.StartAsync();
        await host.Registry.StopAsync();

        var error = await Assert.ThrowsAsync<RegistryUnreachableException>(() => host.EnsureAsync("sensors/hello:1.0", PullPolicy.Always));

        Assert.Contains(host.Registry.Host, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ensure_ALayerCorruptedInTheRegistry_IsADigestMismatch_AndNothingIsStored()
    {
        await using var host = await ModuleTestHost.StartAsync();
        var pushed = await host.PushAsync(WasmModules.Hello, "sensors/hello:1.0");
        var data = host.Registry.BlobDataPath(pushed.LayerDigest.Value);
        var bytes = await File.ReadAllBytesAsync(data);
        bytes[^1] ^= 0xFF;
        await File.WriteAllBytesAsync(data, bytes);

        var error = await Assert.ThrowsAsync<DigestMismatchException>(() => host.EnsureAsync("sensors/hello:1.0"));

        Assert.Equal(pushed.LayerDigest, error.Expected);
        Assert.Equal(ContentDigest.Compute(bytes), error.Actual);
        Assert.Empty(await host.Store.Blobs.ListAsync(None));
        Assert.Null(await host.Store.Images.FindAsync($"{host.Registry.Host}/sensors/hello:1.0", None));
    }

    [Fact]
    public async Task Ensure_ByDigest_VerifiesTheManifestAgainstIt()
    {
        await using var host = await ModuleTestHost.StartAsync();
        var pushed = await host.PushAsync(WasmModules.Hello, "sensors/hello:1.0");
        // Rewrite the stored manifest with the same meaning but different bytes: the registry serves it under the old digest.
        var data = host.Registry.BlobDataPath(pushed.ManifestDigest.Value);
        await File.WriteAllTextAsync(data, await File.ReadAllTextAsync(data) + "\n");

        var error = await Assert.ThrowsAsync<DigestMismatchException>(() => host.EnsureAsync("sensors/hello:1.0", digest: pushed.ManifestDigest));

        Assert.Equal(pushed.ManifestDigest, error.Expected);
        Assert.Empty(await host.Store.Blobs.ListAsync(None));
    }

    [Fact]
    public async Task Ensure_PinnedToADigest_PullsByDigest_AndIsACacheHitNextTime()
    {
        await using var host = await ModuleTestHost.StartAsync();
        var pushed = await host.PushAsync(WasmModules.Hello, "sensors/hello:1.0");
        await host.PushAsync(WasmModules.Variant("moved"), "sensors/hello:1.0");

        host.Recorder.Clear();

        var pinned = await host.EnsureAsync("sensors/hello:1.0", digest: pushed.ManifestDigest);
        var byDigest = host.Recorder.Requests;
        host.Recorder.Clear();
        var again = await host.EnsureAsync($"sensors/hello@{pushed.ManifestDigest}");

        Assert.Equal((pushed.LayerDigest, pushed.ManifestDigest), (pinned.BlobDigest, pinned.ImageDigest));
        Assert.Contains($"GET /v2/sensors/hello/manifests/{pushed.ManifestDigest}", byDigest);
        Assert.DoesNotContain("GET /v2/sensors/hello/manifests/1.0", byDigest);
        Assert.Equal(ModuleSource.Cache, again.Source);
        Assert.Empty(host.Recorder.Requests);
    }

    [Fact]
    public async Task Ensure_WithAReferenceDigestThatDisagreesWithTheWorkloads_IsRefused()
    {
        await using var host = await ModuleTestHost.StartAsync();
        var a = ContentDigest.Compute("a"u8);

        var error = await Assert.ThrowsAsync<InvalidImageException>(() => host.EnsureAsync($"sensors/hello@{a}", digest: ContentDigest.Compute("b"u8)));

        Assert.Contains("pinned to", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ensure_AModuleOverTheSizeLimit_IsRefusedBeforeDownloading()
    {
        await using var host = await ModuleTestHost.StartAsync(options: new ModuleCacheOptions { MaxModuleBytes = 1000 });
        await host.PushAsync(WasmModules.Variant("big", padding: 5000), "sensors/big:1");
        host.Recorder.Clear();

        var error = await Assert.ThrowsAsync<ModuleTooLargeException>(() => host.EnsureAsync("sensors/big:1"));

        Assert.Equal(1000, error.Limit);
        Assert.DoesNotContain(host.Recorder.Requests, r => r.Contains("/blobs/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ensure_BeyondTheStorageBudget_EvictsLeastRecentlyUsedModules_ButNeverOneInUse()
    {
        var size = WasmModules.Variant("a", 3000).Length;
        await using var host = await ModuleTestHost.StartAsync(options: new ModuleCacheOptions { StorageBudgetBytes = (size * 2) + 100 });
        foreach (var name in new[] { "a", "b", "c", "d" }) await host.PushAsync(WasmModules.Variant(name, 3000), $"apps/{name}:1");

        var a = await host.EnsureAsync("apps/a:1", holder: "default/a/main");
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        var b = await host.EnsureAsync("apps/b:1", holder: "default/b/main");
        await host.Cache.ReleaseAsync("default/b/main", None);
        host.Clock.Advance(TimeSpan.FromMinutes(1));

        var c = await host.EnsureAsync("apps/c:1", holder: "default/c/main"); // b is the only unpinned blob: it goes

        var cached = (await host.Store.Blobs.ListAsync(None)).Select(i => i.Digest).ToHashSet();
        Assert.Equal([a.BlobDigest, c.BlobDigest], cached);
        var full = await Assert.ThrowsAsync<ModuleTooLargeException>(() => host.EnsureAsync("apps/d:1", holder: "default/d/main"));
        Assert.Contains("pinned", full.Message, StringComparison.Ordinal);
        Assert.Equal(cached, (await host.Store.Blobs.ListAsync(None)).Select(i => i.Digest).ToHashSet());
        Assert.Null(await host.Store.Images.FindAsync($"{host.Registry.Host}/apps/b:1", None));
        _ = b;
    }

    [Fact]
    public async Task Ensure_AnIndex_PicksTheWasiEntry()
    {
        await using var host = await ModuleTestHost.StartAsync();
        var wasm = await host.PushAsync(WasmModules.Hello, "multi/app:wasm");
        var other = await host.PushAsync(WasmModules.Variant("other"), "multi/app:other");
        var index = IndexJson(
            (other.ManifestDigest, ManifestSize(host, other), "amd64", "linux"),
            (wasm.ManifestDigest, ManifestSize(host, wasm), "wasm", "wasip1"));
        var indexDigest = await host.Client.PushManifestAsync(host.Reference("multi/app:1"), "1", MediaTypes.OciIndex, index, null, None);

        var module = await host.EnsureAsync("multi/app:1");

        Assert.Equal((wasm.LayerDigest, indexDigest), (module.BlobDigest, module.ImageDigest));
    }

    [Fact]
    public async Task Ensure_AnIndexWithoutAWasmEntry_NamesItsPlatforms()
    {
        await using var host = await ModuleTestHost.StartAsync();
        var one = await host.PushAsync(WasmModules.Variant("1"), "multi/app:x");
        var two = await host.PushAsync(WasmModules.Variant("2"), "multi/app:y");
        var index = IndexJson((one.ManifestDigest, ManifestSize(host, one), "amd64", "linux"), (two.ManifestDigest, ManifestSize(host, two), "arm64", "linux"));
        await host.Client.PushManifestAsync(host.Reference("multi/app:1"), "1", MediaTypes.OciIndex, index, null, None);

        var error = await Assert.ThrowsAsync<InvalidImageException>(() => host.EnsureAsync("multi/app:1"));

        Assert.Contains("linux/amd64, linux/arm64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ensure_ASingleLayerTarImage_TakesTheWasmFileOutOfIt()
    {
        await using var host = await ModuleTestHost.StartAsync();
        var image = host.Reference("tarred/app:1");
        var layer = TarLayers.GzipTar(("app/hello.wasm", WasmModules.Hello), ("etc/readme.txt", "hi"u8.ToArray()));
        var manifest = await PushImageAsync(host, image, (MediaTypes.OciLayerTarGzip, layer));

        var module = await host.EnsureAsync("tarred/app:1");

        Assert.Equal((ContentDigest.Compute(WasmModules.Hello), manifest), (module.BlobDigest, module.ImageDigest));
        Assert.Equal(WasmModules.Hello, await host.Cache.ReadAsync(module, None));
    }

    [Fact]
    public async Task Ensure_AnImageWithoutAWasmLayer_IsInvalid()
    {
        await using var host = await ModuleTestHost.StartAsync();
        var image = host.Reference("plain/app:1");
        await PushImageAsync(host, image, (MediaTypes.OciLayerTar, TarLayers.Tar(("a.txt", "a"u8.ToArray()))), (MediaTypes.OciLayerTar, TarLayers.Tar(("b.txt", "b"u8.ToArray()))));

        var error = await Assert.ThrowsAsync<InvalidImageException>(() => host.EnsureAsync("plain/app:1"));

        Assert.Contains("no wasm layer", error.Message, StringComparison.Ordinal);
    }

    private static long ManifestSize(ModuleTestHost host, PushResult pushed) => new FileInfo(host.Registry.BlobDataPath(pushed.ManifestDigest.Value)).Length;

    private static byte[] IndexJson(params (ContentDigest Digest, long Size, string Arch, string Os)[] entries) =>
        JsonSerializer.SerializeToUtf8Bytes(new OciManifest
        {
            SchemaVersion = 2,
            MediaType = MediaTypes.OciIndex,
            Manifests = [.. entries.Select(e => new OciDescriptor { MediaType = MediaTypes.OciManifest, Digest = e.Digest, Size = e.Size, Platform = new OciPlatform { Architecture = e.Arch, Os = e.Os } })],
        }, OciJsonContext.Default.OciManifest);

    // Pushes an ordinary (non-wasm) image: an empty config and the given layers.
    private static async Task<ContentDigest> PushImageAsync(ModuleTestHost host, ImageReference image, params (string MediaType, byte[] Content)[] layers)
    {
        var config = "{}"u8.ToArray();
        var configDigest = await host.Client.PushBlobAsync(image, config, null, None);
        var descriptors = new List<OciDescriptor>();
        foreach (var (mediaType, content) in layers)
        {
            descriptors.Add(new OciDescriptor { MediaType = mediaType, Digest = await host.Client.PushBlobAsync(image, content, null, None), Size = content.Length });
        }

        var manifest = JsonSerializer.SerializeToUtf8Bytes(new OciManifest
        {
            SchemaVersion = 2,
            MediaType = MediaTypes.OciManifest,
            Config = new OciDescriptor { MediaType = "application/vnd.oci.image.config.v1+json", Digest = configDigest, Size = config.Length },
            Layers = descriptors,
        }, OciJsonContext.Default.OciManifest);
        return await host.Client.PushManifestAsync(image, image.Tag!, MediaTypes.OciManifest, manifest, null, None);
    }
}
