using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using EdgeWasm.TestSupport;
using EdgeWasm.TestSupport.ApiServer;

namespace EdgeWasm.EndToEnd.Tests.Cluster;

/// <summary>
/// One cluster for a test class: the Kubernetes API server double, a real mosquitto, a real registry holding the
/// examples (compiled from C by the test build, pushed with <c>edgewasm push</c>), and the real bridge
/// (<c>edgewasm bridge --kubeconfig</c>) in a child process. Tests start their own agents under their own device ids;
/// the bridge serves every device that announces itself. Everything is stopped and removed in DisposeAsync.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private readonly TempDirectory _dir = new("e2e-cluster");

    /// <summary>The API server double.</summary>
    public KubeApiServerDouble Api { get; private set; } = null!;

    /// <summary>The broker.</summary>
    public MosquittoFixture Broker { get; private set; } = null!;

    /// <summary>The registry.</summary>
    public OciRegistryFixture Registry { get; private set; } = null!;

    /// <summary>The bridge process.</summary>
    public ChildProcess Bridge { get; private set; } = null!;

    /// <summary>The bridge's kubelet API port (HTTPS).</summary>
    public int KubeletPort { get; } = FreePort.Next();

    /// <summary>The broker's URL for agents.</summary>
    public string Mqtt => $"mqtt://{Broker.Host}:{Broker.Port}";

    private static string Cli => Path.Combine(AppContext.BaseDirectory, "EdgeWasm.Cli.dll");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Api = KubeApiServerDouble.Start(new ApiServerOptions
        {
            // The API server's kubelet client (CN "client" of the shared test PKI) may read logs through nodes/proxy.
            AccessReviews = spec => (string?)spec["user"] == "client"
                && (string?)spec["resourceAttributes"]!["resource"] == "nodes" && (string?)spec["resourceAttributes"]!["subresource"] == "proxy",
        });
        Broker = await MosquittoFixture.StartAsync();
        Registry = await OciRegistryFixture.StartAsync();
        await Task.WhenAll(new[] { "crasher", "http-hello", "memory-hog", "prime-job", "sensor-average", "spinner" }.Select(PushAsync));

        var kubeconfig = _dir.Combine("kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, Api.Kubeconfig());
        Bridge = ChildProcess.StartDotNet(Cli,
        [
            "bridge", "--kubeconfig", kubeconfig, "--mqtt", Mqtt, "--mqtt-client-id", "bridge-" + Guid.NewGuid().ToString("N")[..8],
            "--listen", $"127.0.0.1:{KubeletPort}", "--node-address", "127.0.0.1", "--data-dir", _dir.Combine("bridge"),
            "--heartbeat-timeout", "8s", "--client-ca-file", TestCertificates.Shared.CaCertFile, "--insecure-registry", Registry.Host,
        ]);
        await Bridge.WaitForOutputAsync("Application started", TimeSpan.FromMinutes(2));
    }

    /// <summary>A pod as stored, or null.</summary>
    public JsonObject? Pod(string name) => Api.Get("v1", "pods", "default", name);

    /// <summary>The Ready condition's status of node <paramref name="name"/>, or null while there is no node.</summary>
    public string? NodeReady(string name) =>
        Api.Get("v1", "nodes", null, name)?["status"]?["conditions"]?.AsArray().FirstOrDefault(c => (string?)c!["type"] == "Ready")?["status"]?.GetValue<string>();

    /// <summary>Creates pod <paramref name="name"/> from examples/<paramref name="example"/> on <paramref name="node"/>.</summary>
    public JsonObject CreateExample(string example, string name, string node, int? port = null) =>
        Api.Create("v1", "pods", "default", ExampleManifest.Pod(example, name, node, Registry.Host, port));

    /// <summary>GET <paramref name="path"/> on the bridge's kubelet API as the API server does: its client certificate, the bridge's CA trusted.</summary>
    public async Task<(System.Net.HttpStatusCode Status, string Body)> KubeletGetAsync(string path)
    {
        using var ca = X509CertificateLoader.LoadCertificateFromFile(_dir.Combine("bridge", "kubelet-ca.crt"));
        var pki = TestCertificates.Shared;
        using var pem = X509Certificate2.CreateFromPemFile(pki.ClientCertFile, pki.ClientKeyFile);
        using var client = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        using var http = CustomCaHttpClient.Create(ca, new Uri($"https://127.0.0.1:{KubeletPort}"), client);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/plain"));
        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        try
        {
            if (Bridge is not null)
            {
                try
                {
                    await Bridge.TerminateAsync(TimeSpan.FromSeconds(30));
                }
                catch (OperationCanceledException)
                {
                    // Dispose kills it.
                }

                Bridge.Dispose();
            }
        }
        finally
        {
            if (Registry is not null) await Registry.DisposeAsync();
            if (Broker is not null) await Broker.DisposeAsync();
            if (Api is not null) await Api.DisposeAsync();
            _dir.Dispose();
        }
    }

    private async Task PushAsync(string example)
    {
        using var push = ChildProcess.StartDotNet(Cli, ["push", Path.Combine(AppContext.BaseDirectory, "examples", example + ".wasm"), $"{Registry.Host}/examples/{example}:0.1.0"]);
        var exit = await push.WaitForExitAsync(TimeSpan.FromMinutes(2));
        if (exit != 0) throw new InvalidOperationException($"edgewasm push {example} failed ({exit}): {push.Output}");
    }
}
