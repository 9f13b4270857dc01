using System.Net.Http;
using System.Security.Authentication;
using EdgeWasm.CloudBridge.Kubernetes;
using EdgeWasm.CloudBridge.Kubernetes.Config;
using EdgeWasm.TestSupport.ApiServer;
using EdgeWasm.TestSupport;

namespace EdgeWasm.CloudBridge.Tests.Kubernetes;

public sealed class KubeConfigTests : IAsyncLifetime
{
    private KubeApiServerDouble _api = null!;
    private readonly TempDirectory _dir = new("edgewasm-kubeconfig");

    public Task InitializeAsync()
    {
        _api = KubeApiServerDouble.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        _dir.Dispose();
    }

    private TestCertificates Pki => _api.Certificates;

    private static string B64File(string path) => Convert.ToBase64String(File.ReadAllBytes(path));

    // Reading the default namespace proves the TLS setup and the credentials together.
    private static async Task AssertConnectsAsync(KubeConnection connection)
    {
        using var client = new KubeClient(connection, KubeTestClient.FastOptions with { MaxRetries = 0 }, TimeProvider.System, new TestLogger<KubeClient>());
        var list = await client.ListAsync(KubeResources.ConfigMaps, "default", null, default);
        Assert.NotNull(list.Metadata.ResourceVersion);
    }

    private string Config(string cluster, string user, string extra = "") => $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: c
          cluster:
            server: {_api.Url}
        {cluster}
        users:
        - name: u
          user:
        {user}
        contexts:
        - name: ctx
          context:
            cluster: c
            user: u
            namespace: edge
        {extra}
        current-context: ctx
        """;

    [Fact]
    public async Task TokenAndCaFile_Connect_AndTheContextNamespaceIsKept()
    {
        var connection = KubeConfigLoader.FromYaml(Config($"    certificate-authority: {Pki.CaCertFile}", $"    token: {_api.Options.Token}"), _dir.Path);

        await AssertConnectsAsync(connection);
        Assert.Equal("edge", connection.Namespace);
        Assert.Contains("context 'ctx'", connection.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pkcs8-rsa", "genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out {key}", false)]
    [InlineData("pkcs1-rsa", "genrsa -traditional -out {key} 2048", true)]
    [InlineData("sec1-ec", "ecparam -name prime256v1 -genkey -noout -out {key}", true)]
    public async Task ClientCertificates_MadeWithOpenssl_Authenticate_AsFilesOrData(string name, string keyCommand, bool inline)
    {
        var (cert, key) = Pki.IssueClient(name, keyCommand.Split(' '));
        var user = inline
            ? $"    client-certificate-data: {B64File(cert)}\n    client-key-data: {B64File(key)}"
            : $"    client-certificate: {cert}\n    client-key: {key}";

        var connection = KubeConfigLoader.FromYaml(Config($"    certificate-authority-data: {B64File(Pki.CaCertFile)}", user), _dir.Path);

        Assert.Null(connection.BearerToken);
        Assert.NotNull(connection.ClientCertificate);
        await AssertConnectsAsync(connection);
    }

    [Fact]
    public async Task AClientCertificateFromAnotherCa_IsRefusedByTheServer()
    {
        var (otherCa, otherKey) = Pki.CreateOtherCa("rogue-ca");
        var (cert, key) = Pki.IssueClient("rogue", "genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out {key}".Split(' '), otherCa, otherKey);
        var connection = KubeConfigLoader.FromYaml(Config($"    certificate-authority: {Pki.CaCertFile}", $"    client-certificate: {cert}\n    client-key: {key}"), _dir.Path);

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => AssertConnectsAsync(connection));
    }

    [Fact]
    public async Task InsecureSkipTlsVerify_ConnectsWithoutTheCa_ButWithoutItTheServerIsNotTrusted()
    {
        var insecure = KubeConfigLoader.FromYaml(Config("    insecure-skip-tls-verify: true", $"    token: {_api.Options.Token}"), _dir.Path);
        var untrusted = KubeConfigLoader.FromYaml(Config("", $"    token: {_api.Options.Token}"), _dir.Path);

        await AssertConnectsAsync(insecure);
        var error = await Assert.ThrowsAnyAsync<HttpRequestException>(() => AssertConnectsAsync(untrusted));
        Assert.IsType<AuthenticationException>(error.InnerException);
    }

    [Fact]
    public async Task RelativePaths_ResolveAgainstTheKubeconfigsDirectory_AndAContextCanBeNamed()
    {
        File.Copy(Pki.CaCertFile, _dir.Combine("ca.pem"));
        File.WriteAllText(_dir.Combine("token"), _api.Options.Token + "\n");
        var path = _dir.Combine("config");
        File.WriteAllText(path, Config("    certificate-authority: ca.pem", "    tokenFile: token", "- name: other\n  context: {cluster: c, user: u}"));

        var named = KubeConfigLoader.FromFile(path, context: "other");

        Assert.Equal(_dir.Combine("token"), named.BearerTokenFile);
        Assert.Equal("default", named.Namespace);
        await AssertConnectsAsync(named);
    }

    [Fact]
    public void SeveralFiles_Merge_FirstOccurrenceWins()
    {
        var first = _dir.Combine("first");
        var second = _dir.Combine("second");
        File.WriteAllText(first, $"clusters:\n- name: c\n  cluster: {{server: 'https://first:6443'}}\ncurrent-context: ctx\n");
        File.WriteAllText(second, Config("", "    token: t"));

        var connection = KubeConfigLoader.Default(name => name == "KUBECONFIG" ? $"{first}:{_dir.Combine("missing")}:{second}" : null);

        Assert.Equal(new Uri("https://first:6443"), connection.Server);
        Assert.Equal("t", connection.BearerToken);
    }

    [Theory]
    [InlineData("    exec: {command: aws, apiVersion: client.authentication.k8s.io/v1}", "exec credential plugin")]
    [InlineData("    auth-provider: {name: gcp}", "auth-provider")]
    public void UnsupportedCredentialPlugins_AreRefusedClearly(string user, string expected)
    {
        var error = Assert.Throws<NotSupportedException>(() => KubeConfigLoader.FromYaml(Config("", user), _dir.Path));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nope", "context 'nope' not found")]
    [InlineData(null, "certificate-authority-data is not base64")]
    public void BrokenKubeconfigs_SayWhatIsWrong(string? context, string expected)
    {
        var yaml = Config("    certificate-authority-data: '%%%'", "    token: t");

        var error = Assert.Throws<InvalidDataException>(() => KubeConfigLoader.FromYaml(yaml, _dir.Path, context));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InCluster_UsesTheServiceAccountFilesAndServiceEnvironment()
    {
        File.Copy(Pki.CaCertFile, _dir.Combine("ca.crt"));
        File.WriteAllText(_dir.Combine("token"), _api.Options.Token);
        File.WriteAllText(_dir.Combine("namespace"), "edge-system\n");
        var env = new Dictionary<string, string> { ["KUBERNETES_SERVICE_HOST"] = "127.0.0.1", ["KUBERNETES_SERVICE_PORT"] = _api.Url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) };

        Assert.True(InClusterConfig.IsAvailable(env.GetValueOrDefault, _dir.Path));
        var connection = InClusterConfig.Load(env.GetValueOrDefault, _dir.Path);

        Assert.Equal("edge-system", connection.Namespace);
        Assert.Equal(_dir.Combine("token"), connection.BearerTokenFile);
        await AssertConnectsAsync(connection);
    }

    [Fact]
    public void InCluster_BracketsAnIPv6ServiceAddress_AndExplainsWhatIsMissing()
    {
        File.WriteAllText(_dir.Combine("token"), "t");

        var v6 = InClusterConfig.Load(n => n == "KUBERNETES_SERVICE_HOST" ? "fd00::1" : n == "KUBERNETES_SERVICE_PORT" ? "443" : null, _dir.Path);
        var missing = Assert.Throws<InvalidOperationException>(() => InClusterConfig.Load(_ => null, _dir.Path));

        Assert.Equal(new Uri("https://[fd00::1]:443"), v6.Server);
        Assert.Contains("KUBERNETES_SERVICE_HOST", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATokenFile_IsReReadAfterAMinute_SoRotatedTokensArePickedUp()
    {
        var time = new FakeTimeProvider();
        var file = _dir.Combine("rotating");
        File.WriteAllText(file, "one");
        var source = new BearerTokenSource("fallback", file, time);

        Assert.Equal("one", source.Current());
        File.WriteAllText(file, "two");
        time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal("one", source.Current());
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("two", source.Current());
        File.Delete(file);
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal("two", source.Current());
    }
}
