using EdgeWasm.Protocol.Images;

namespace EdgeWasm.Protocol.Tests.Images;

public sealed class ImageReferenceTests
{
    private const string Hex = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    [Theory]
    [InlineData("busybox", "docker.io", "library/busybox", null, "latest")]
    [InlineData("busybox:1.36", "docker.io", "library/busybox", "1.36", "1.36")]
    [InlineData("user/app", "docker.io", "user/app", null, "latest")]
    [InlineData("index.docker.io/user/app:2", "docker.io", "user/app", "2", "2")]
    [InlineData("localhost/app", "localhost", "app", null, "latest")]
    [InlineData("localhost:5000/a/b/c:v1.0-rc_1", "localhost:5000", "a/b/c", "v1.0-rc_1", "v1.0-rc_1")]
    [InlineData("127.0.0.1:5000/sensors/avg:1.0", "127.0.0.1:5000", "sensors/avg", "1.0", "1.0")]
    [InlineData("ghcr.io/org/my_app__x.y-z:tag", "ghcr.io", "org/my_app__x.y-z", "tag", "tag")]
    [InlineData("reg.local/app@sha256:" + Hex, "reg.local", "app", null, "sha256:" + Hex)]
    [InlineData("reg.local/app:1@sha256:" + Hex, "reg.local", "app", "1", "sha256:" + Hex)]
    public void References_ParseAsTheRuntimesDo(string text, string registry, string repository, string? tag, string manifest)
    {
        var r = ImageReference.Parse(text);

        Assert.Equal(registry, r.Registry);
        Assert.Equal(repository, r.Repository);
        Assert.Equal(tag, r.Tag);
        Assert.Equal(manifest, r.ManifestReference);
    }

    [Theory]
    [InlineData("")]
    [InlineData("UPPER/app")]
    [InlineData("reg.local/App:1")]
    [InlineData("reg.local/app:")]
    [InlineData("reg.local/app:bad tag")]
    [InlineData("reg.local/app@sha256:1234")]
    [InlineData("reg.local/app@md5:" + Hex)]
    [InlineData("reg.local//app")]
    [InlineData("reg.local/-app")]
    public void MalformedReferences_AreRefusedWithAReason(string text)
    {
        Assert.False(ImageReference.TryParse(text, out _, out var error));
        Assert.NotEmpty(error);
        Assert.Throws<FormatException>(() => ImageReference.Parse(text));
    }

    [Fact]
    public void LatestAndPinning_AreReported()
    {
        var tagged = ImageReference.Parse("reg.local/app:1");

        Assert.True(ImageReference.Parse("reg.local/app").IsLatest);
        Assert.True(ImageReference.Parse("reg.local/app:latest").IsLatest);
        Assert.False(tagged.IsLatest);
        var pinned = tagged.WithDigest(EdgeWasm.Protocol.Documents.ContentDigest.Parse("sha256:" + Hex));
        Assert.False(ImageReference.Parse("reg.local/app@sha256:" + Hex).IsLatest);
        Assert.Equal("reg.local/app:1@sha256:" + Hex, pinned.ToString());
        Assert.Equal("docker.io/library/busybox", ImageReference.Parse("busybox").ToString());
    }

    [Fact]
    public void DockerHub_IsReachedThroughItsApiHost_AndUntaggedMeansLatest()
    {
        Assert.Equal("registry-1.docker.io", ImageReference.Parse("nginx").ApiHost);
        Assert.Equal("reg.local:5000", ImageReference.Parse("reg.local:5000/app").ApiHost);
        Assert.Equal("latest", ImageReference.Parse("nginx").EffectiveTag);
        Assert.Equal("1", ImageReference.Parse("nginx:1").EffectiveTag);
    }

    [Theory]
    [InlineData("reg.example:5000", "reg.example:5000", true)]
    [InlineData("https://reg.example:5000/", "reg.example:5000", true)]
    [InlineData("reg.example", "reg.example:5000", false)]
    [InlineData("https://index.docker.io/v1/", "docker.io", true)]
    [InlineData("docker.io", "docker.io", true)]
    public void CredentialFrom_MatchesTheRegistryHost(string secretRegistry, string imageRegistry, bool matches)
    {
        var credential = new EdgeWasm.Protocol.Documents.RegistryCredential(secretRegistry, "u", "p");
        var image = ImageReference.Parse(imageRegistry == "docker.io" ? "user/app" : imageRegistry + "/app");

        Assert.Equal(matches ? credential : null, image.CredentialFrom([credential]));
    }

}
