using EdgeWasm.EdgeAgent.Modules;
using EdgeWasm.EdgeAgent.Modules.Oci;
using EdgeWasm.Protocol.Documents;
using EdgeWasm.TestSupport;

namespace EdgeWasm.EdgeAgent.Tests.Modules;

/// <summary>
/// Authentication against a real docker-registry: Basic with its htpasswd file, and Bearer with its token auth, where
/// the token endpoint is <see cref="RegistryTokenServer"/> (a double that follows the Docker token specification; the
/// registry verifies its signed tokens itself).
/// </summary>
public sealed class RegistryAuthTests
{
    private static readonly RegistryAuth.Htpasswd Alice = new(new Dictionary<string, string> { ["alice"] = "s3cret" });

    [Fact]
    public async Task Basic_WithThePullSecretForTheRegistry_PushesAndPulls()
    {
        await using var host = await ModuleTestHost.StartAsync(Alice);
        var credential = new RegistryCredential(host.Registry.Host, "alice", "s3cret");
        var pushed = await host.PushAsync(WasmModules.Hello, "private/app:1", credential);

        var unrelated = new RegistryCredential("other.example:5000", "bob", "nope");
        var module = await host.EnsureAsync("private/app:1", credentials: [unrelated, credential with { Registry = "http://" + host.Registry.Host + "/" }]);

        Assert.Equal(pushed.LayerDigest, module.BlobDigest);
    }

    [Fact]
    public async Task Basic_WithoutCredentials_IsUnauthorized()
    {
        await using var host = await ModuleTestHost.StartAsync(Alice);

        var error = await Assert.ThrowsAsync<RegistryUnauthorizedException>(() => host.EnsureAsync("private/app:1"));

        Assert.Contains("no pull secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Basic_WithAWrongPassword_IsUnauthorized()
    {
        await using var host = await ModuleTestHost.StartAsync(Alice);
        await host.PushAsync(WasmModules.Hello, "private/app:1", new RegistryCredential(host.Registry.Host, "alice", "s3cret"));

        var error = await Assert.ThrowsAsync<RegistryUnauthorizedException>(
            () => host.EnsureAsync("private/app:1", credentials: new RegistryCredential(host.Registry.Host, "alice", "wrong")));

        Assert.Contains("refused user 'alice'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bearer_FetchesATokenWithTheCredentials_AndReusesItForTheSameScope()
    {
        using var folder = new TempDirectory();
        await using var tokens = new RegistryTokenServer(folder.Path, "alice", "s3cret");
        await using var host = await ModuleTestHost.StartAsync(new RegistryAuth.Token(tokens));
        var credential = new RegistryCredential(host.Registry.Host, "alice", "s3cret");
        var pushed = await host.PushAsync(WasmModules.Hello, "private/app:1", credential);
        var afterPush = tokens.Requests.Count;

        var first = await host.EnsureAsync("private/app:1", PullPolicy.Always, credentials: credential);
        var second = await host.EnsureAsync("private/app:1", PullPolicy.Always, credentials: credential);

        Assert.Equal(pushed.LayerDigest, first.BlobDigest);
        Assert.Equal(ModuleSource.Revalidated, second.Source);
        var pulls = tokens.Requests.Skip(afterPush).ToList();
        var request = Assert.Single(pulls);
        Assert.Contains("scope=repository%3Aprivate%2Fapp%3Apull", request, StringComparison.Ordinal);
        Assert.Contains("service=edgewasm-test-registry", request, StringComparison.Ordinal);
        Assert.Contains("account=alice", request, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bearer_AnExpiredToken_IsFetchedAgain()
    {
        using var folder = new TempDirectory();
        await using var tokens = new RegistryTokenServer(folder.Path, "alice", "s3cret", expiresInSeconds: 120);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await ModuleTestHost.StartAsync(new RegistryAuth.Token(tokens), clientTime: clock);
        var credential = new RegistryCredential(host.Registry.Host, "alice", "s3cret");
        await host.PushAsync(WasmModules.Hello, "private/app:1", credential);
        await host.EnsureAsync("private/app:1", PullPolicy.Always, credentials: credential);
        var before = tokens.Requests.Count;

        clock.Advance(TimeSpan.FromSeconds(100));
        await host.EnsureAsync("private/app:1", PullPolicy.Always, credentials: credential);
        var stillValid = tokens.Requests.Count;
        clock.Advance(TimeSpan.FromSeconds(20)); // within the renewal margin of the 120 s lifetime
        await host.EnsureAsync("private/app:1", PullPolicy.Always, credentials: credential);

        Assert.Equal(before, stillValid);
        Assert.Equal(before + 1, tokens.Requests.Count);
    }

    [Fact]
    public async Task Bearer_AnonymousPull_WorksWhenTheTokenServiceAllowsIt()
    {
        using var folder = new TempDirectory();
        await using var tokens = new RegistryTokenServer(folder.Path, "alice", "s3cret", allowAnonymousPull: true);
        await using var host = await ModuleTestHost.StartAsync(new RegistryAuth.Token(tokens));
        var pushed = await host.PushAsync(WasmModules.Hello, "public/app:1", new RegistryCredential(host.Registry.Host, "alice", "s3cret"));

        var module = await host.EnsureAsync("public/app:1");

        Assert.Equal(pushed.LayerDigest, module.BlobDigest);
        Assert.DoesNotContain("account=", tokens.Requests.Last(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bearer_AnonymousPush_IsRefusedByTheRegistry()
    {
        using var folder = new TempDirectory();
        await using var tokens = new RegistryTokenServer(folder.Path, "alice", "s3cret", allowAnonymousPull: true);
        await using var host = await ModuleTestHost.StartAsync(new RegistryAuth.Token(tokens));

        var error = await Assert.ThrowsAsync<RegistryUnauthorizedException>(() => host.PushAsync(WasmModules.Hello, "public/app:1"));

        Assert.Contains("anonymous", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bearer_AWrongPassword_IsRefusedByTheTokenService()
    {
        using var folder = new TempDirectory();
        await using var tokens = new RegistryTokenServer(folder.Path, "alice", "s3cret");
        await using var host = await ModuleTestHost.StartAsync(new RegistryAuth.Token(tokens));

        var error = await Assert.ThrowsAsync<RegistryUnauthorizedException>(
            () => host.EnsureAsync("private/app:1", credentials: new RegistryCredential(host.Registry.Host, "alice", "wrong")));

        Assert.Contains("token service refused user 'alice'", error.Message, StringComparison.Ordinal);
    }
}
