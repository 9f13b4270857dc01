using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeWasm.CloudBridge.Hosting;
using EdgeWasm.CloudBridge.Kubernetes;
using EdgeWasm.CloudBridge.Kubernetes.Informers;
using EdgeWasm.CloudBridge.Kubernetes.Models;
using EdgeWasm.CloudBridge.Pods.Sync;
using EdgeWasm.CloudBridge.Reconcile;
using EdgeWasm.TestSupport.ApiServer;
using EdgeWasm.Protocol.Profiles;
using EdgeWasm.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgeWasm.CloudBridge.Tests.Bridge;

/// <summary>
/// A whole bridge for one test: the API server double (or a manifests folder), a real mosquitto, simulated devices
/// on it, and the bridge host built exactly as <c>edgewasm bridge</c> builds it, with the periods shortened.
/// </summary>
internal sealed class BridgeEnvironment : IAsyncDisposable
{
    private BridgeEnvironment(KubeApiServerDouble? api, MosquittoFixture broker, TempDirectory dir, DeviceSimulator devices, CapturingLoggerProvider logs, int port)
    {
        Api = api;
        Broker = broker;
        Dir = dir;
        Devices = devices;
        Logs = logs;
        Port = port;
    }

    /// <summary>The API server double (null in static pod mode).</summary>
    public KubeApiServerDouble? Api { get; }

    /// <summary>The broker.</summary>
    public MosquittoFixture Broker { get; }

    /// <summary>A folder for the test (data, manifests, kubeconfig).</summary>
    public TempDirectory Dir { get; }

    /// <summary>The devices.</summary>
    public DeviceSimulator Devices { get; }

    /// <summary>Everything the bridge logged.</summary>
    public CapturingLoggerProvider Logs { get; }

    /// <summary>The bridge's HTTPS port.</summary>
    public int Port { get; }

    /// <summary>The running bridge (null between <see cref="StopBridgeAsync"/> and <see cref="StartBridgeAsync"/>).</summary>
    public WebApplication? Bridge { get; private set; }

    /// <summary>The options the bridge runs with.</summary>
    public BridgeOptions Options { get; private set; } = null!;

    /// <summary>A small profile every hardware folder has.</summary>
    public static HardwareProfile Profile { get; } = new ProfileLoader(ProfileLoader.DefaultDirectory).Load("raspberry-pi-4-4gb");

    /// <summary>Periods short enough for tests.</summary>
    public static BridgeTuning FastTuning(CapturingLoggerProvider logs) => new()
    {
        Logging = l => l.AddProvider(logs).SetMinimumLevel(LogLevel.Debug),
        Reconcile = new ReconcileOptions { ResyncInterval = TimeSpan.FromSeconds(5), LivenessInterval = TimeSpan.FromMilliseconds(100), RetryInitial = TimeSpan.FromMilliseconds(100), RetryMax = TimeSpan.FromSeconds(1) },
        LeaseRenewInterval = TimeSpan.FromMilliseconds(500),
        StatusReportFrequency = TimeSpan.FromSeconds(3),
        Sync = new SyncOptions { RetainedSettle = TimeSpan.FromMilliseconds(200), PinTimeout = TimeSpan.FromSeconds(3) },
        Informers = new InformerOptions { BackoffInitial = TimeSpan.FromMilliseconds(100), BackoffMax = TimeSpan.FromSeconds(1) },
        FollowPollInterval = TimeSpan.FromMilliseconds(200),
        ManifestRescanInterval = TimeSpan.FromMilliseconds(200),
        Mqtt = o => o with { ReconnectDelay = TimeSpan.FromMilliseconds(100), MaxReconnectDelay = TimeSpan.FromMilliseconds(500), KeepAlive = TimeSpan.FromSeconds(10) },
        Kube = o => o with { RetryInitialDelay = TimeSpan.FromMilliseconds(20), RetryMaxDelay = TimeSpan.FromMilliseconds(200) },
    };

    /// <summary>Starts everything; <paramref name="configure"/> adjusts the options (devices, static mode, ...).</summary>
    public static async Task<BridgeEnvironment> StartAsync(Action<BridgeOptions, TempDirectory>? configure = null, ApiServerOptions? api = null, bool withCluster = true,
        Func<BridgeTuning, BridgeTuning>? tune = null, Action<KubeApiServerDouble>? seed = null)
    {
        var dir = new TempDirectory("bridge");
        var broker = await MosquittoFixture.StartAsync();
        var double_ = withCluster ? KubeApiServerDouble.Start(api) : null;
        var devices = await DeviceSimulator.StartAsync(broker);
        var env = new BridgeEnvironment(double_, broker, dir, devices, new CapturingLoggerProvider(), FreePort.Next());
        var options = new BridgeOptions
        {
            Mqtt = $"mqtt://{broker.Host}:{broker.Port}",
            MqttClientId = "bridge-" + Guid.NewGuid().ToString("N")[..8],
            DataDir = dir.Combine("data"),
            Listen = $"127.0.0.1:{env.Port}",
            HeartbeatTimeoutSeconds = 2,
            KubeQps = 1000,
            KubeBurst = 1000,
        };
        if (double_ is not null)
        {
            seed?.Invoke(double_);
            var kubeconfig = dir.Combine("kubeconfig");
            await File.WriteAllTextAsync(kubeconfig, double_.Kubeconfig());
            options.Kubeconfig = kubeconfig;
        }

        configure?.Invoke(options, dir);
        env.Options = options;
        env._tune = tune ?? (t => t);
        try
        {
            await env.StartBridgeAsync();
        }
        catch
        {
            await env.DisposeAsync();
            throw;
        }

        return env;
    }

    private Func<BridgeTuning, BridgeTuning> _tune = t => t;

    /// <summary>Builds and starts the bridge (again, after <see cref="StopBridgeAsync"/>: a restart on the same data folder).</summary>
    public async Task StartBridgeAsync()
    {
        Bridge = BridgeHost.Build(Options, _tune(FastTuning(Logs)));
        await Bridge.StartAsync();
        // Reports published before the bridge's first subscription would be lost to it (its session is new), as in production.
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Service<CloudBridge.Devices.IDeviceChannel>().WaitUntilReadyAsync(cts.Token);
    }

    /// <summary>Stops and disposes the bridge, as a process exit would.</summary>
    public async Task StopBridgeAsync()
    {
        if (Bridge is null) return;
        await Bridge.StopAsync();
        await Bridge.DisposeAsync();
        Bridge = null;
    }

    /// <summary>A service of the running bridge.</summary>
    public T Service<T>() where T : notnull => Bridge!.Services.GetRequiredService<T>();

    /// <summary>A hosted loop of the running bridge.</summary>
    public T Loop<T>() where T : notnull => Bridge!.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<T>().Single();

    /// <summary>Creates a pod (as kubectl would, so admission defaults apply) bound to <paramref name="node"/>.</summary>
    public Pod CreatePod(string json)
    {
        var created = Api!.Create("v1", "pods", "default", JsonNode.Parse(json)!.AsObject());
        return created.Deserialize(KubeJsonContext.Default.Pod)!;
    }

    /// <summary>
    /// Creates pod <paramref name="json"/> on pi-1 (already announced), waits for the device's document to hold one
    /// workload, plays the agent running it, and waits for the pod to be Running. Returns that document and the pod.
    /// </summary>
    public async Task<(Protocol.Documents.DesiredState Desired, Pod Pod)> RunPodAsync(string json)
    {
        var created = CreatePod(json);
        var desired = await Devices.WaitForDesiredAsync("pi-1", d => d.Workloads.Count == 1);
        await Devices.RunAllAsync(desired);
        var name = created.Metadata.Name!;
        var pod = await EventuallyAsync(() => Pod(name) is { Status.Phase: "Running" } p ? p : null, $"pod {name} Running");
        return (desired, pod);
    }

    /// <summary>A pod as stored, or null.</summary>
    public Pod? Pod(string name, string ns = "default") => Api!.Get("v1", "pods", ns, name)?.Deserialize(KubeJsonContext.Default.Pod);

    /// <summary>A node as stored, or null.</summary>
    public Node? Node(string name) => Api!.Get("v1", "nodes", null, name)?.Deserialize(KubeJsonContext.Default.Node);

    /// <summary>Core events about <paramref name="pod"/>, as stored.</summary>
    public IReadOnlyList<Event> Events(string pod, string ns = "default")
    {
        var list = Api!.List("v1", "events", ns);
        return [.. list.Select(e => e.Deserialize(KubeJsonContext.Default.Event)!).Where(e => e.InvolvedObject.Name == pod)];
    }

    /// <summary>Polls <paramref name="probe"/> until it returns a value, or fails saying <paramref name="what"/>.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<T?> probe, string what, TimeSpan? timeout = null) where T : class
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            if (probe() is { } value) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("timed out waiting for " + what);
            await Task.Delay(50);
        }
    }

    /// <summary>Polls <paramref name="condition"/> until it holds.</summary>
    public static async Task EventuallyAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        await EventuallyAsync(() => condition() ? "" : null, what, timeout);

    /// <summary>Fails when the bridge logged an error the test did not expect.</summary>
    public void AssertNoUnexpectedErrors(params int[] expected)
    {
        var errors = Logs.UnexpectedErrors(expected);
        Assert.True(errors.Count == 0, "unexpected errors: " + string.Join(" | ", errors));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // Each part goes even if another fails to stop: a failing test must not leave a broker running.
        try
        {
            await StopBridgeAsync();
        }
        finally
        {
            try
            {
                await Devices.DisposeAsync();
                if (Api is not null) await Api.DisposeAsync();
            }
            finally
            {
                await Broker.DisposeAsync();
                Dir.Dispose();
            }
        }
    }
}
