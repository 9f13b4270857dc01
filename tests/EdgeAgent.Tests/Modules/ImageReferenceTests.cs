using EdgeWasm.EdgeAgent.Modules.Oci;
using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.EdgeAgent.Tests.Modules;

public sealed class ImageReferenceTests
{
    private static readonly string Hex = new('a', 64);

    [Theory]
    [InlineData("127.0.0.1:5000/sensors/avg:1.0", "127.0.0.1:5000", "sensors/avg", "1.0", false)]
    [InlineData("localhost/app", "localhost", "app", "latest", false)]
    [InlineData("ghcr.io/org/team/app:v2-rc.1", "ghcr.io", "org/team/app", "v2-rc.1", false)]
    [InlineData("nginx", "docker.io", "library/nginx", "latest", false)]
    [InlineData("user/app:7", "docker.io", "user/app", "7", false)]
    [InlineData("reg.example:443/a_b/c__d/e-f:t", "reg.example:443", "a_b/c__d/e-f", "t", false)]
    [InlineData("reg.example/app@sha256:DIGEST", "reg.example", "app", null, true)]
    [InlineData("reg.example/app:1@sha256:DIGEST", "reg.example", "app", "1", true)]
    public void Parse_SplitsRegistryRepositoryTagAndDigest(string text, string registry, string repository, string? tag, bool pinned)
    {
        var reference = ImageReference.Parse(text.Replace("DIGEST", Hex, StringComparison.Ordinal));

        Assert.Equal((registry, repository, tag), (reference.Registry, reference.Repository, reference.Tag));
        Assert.Equal(pinned ? ContentDigest.Parse("sha256:" + Hex) : null, reference.Digest);
    }

    [Theory]
    [InlineData("")]
    [InlineData("reg.example/App:1")]
    [InlineData("reg.example/app:bad tag")]
    [InlineData("reg.example/app:-dash")]
    [InlineData("reg.example/app@sha256:123")]
    [InlineData("reg.example/app@md5:0123")]
    [InlineData("reg.example//app")]
    [InlineData("reg.example/app/")]
    public void Parse_RefusesMalformedReferences_WithAMessageNamingThem(string text)
    {
        var error = Assert.Throws<FormatException>(() => ImageReference.Parse(text));

        Assert.False(string.IsNullOrEmpty(error.Message));
        Assert.False(ImageReference.TryParse(text, out _));
    }

    [Fact]
    public void ToString_IsCanonical_AndDockerHubUsesItsApiHost()
    {
        Assert.Equal("docker.io/library/nginx:latest", ImageReference.Parse("nginx").ToString());
        Assert.Equal("registry-1.docker.io", ImageReference.Parse("nginx").ApiHost);
        var digest = ContentDigest.Parse("sha256:" + Hex);
        var pinned = ImageReference.Parse("reg.example/app:1").PinnedTo(digest);
        Assert.Equal($"reg.example/app:1@{digest}", pinned.ToString());
        Assert.Equal(digest.Value, pinned.ManifestReference);
        Assert.Equal("1", ImageReference.Parse("reg.example/app:1").ManifestReference);
    }

    [Theory]
    [InlineData("reg.example:5000", "reg.example:5000", true)]
    [InlineData("https://reg.example:5000/", "reg.example:5000", true)]
    [InlineData("reg.example", "reg.example:5000", false)]
    [InlineData("https://index.docker.io/v1/", "docker.io", true)]
    [InlineData("docker.io", "docker.io", true)]
    public void CredentialFrom_MatchesTheRegistryHost(string secretRegistry, string imageRegistry, bool matches)
    {
        var credential = new RegistryCredential(secretRegistry, "u", "p");
        var image = ImageReference.Parse(imageRegistry == "docker.io" ? "user/app" : imageRegistry + "/app");

        Assert.Equal(matches ? credential : null, image.CredentialFrom([credential]));
    }

    [Theory]
    [InlineData("127.0.0.1:5000", true)]
    [InlineData("localhost:5000", true)]
    [InlineData("[::1]:5000", true)]
    [InlineData("reg.example:5000", false)]
    [InlineData("lan-registry:5000", true)]
    public void PlainHttp_IsUsedForLoopbackAndListedRegistriesOnly(string registry, bool plain)
    {
        var options = new RegistryClientOptions();
        options.PlainHttpRegistries.Add("lan-registry:5000");

        Assert.Equal(plain, options.UsesPlainHttp(registry));
    }
}
