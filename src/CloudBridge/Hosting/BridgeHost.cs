using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using EdgeWasm.CloudBridge.Admission;
using EdgeWasm.CloudBridge.Cluster;
using EdgeWasm.CloudBridge.Devices;
using EdgeWasm.CloudBridge.Fleet;
using EdgeWasm.CloudBridge.IotHub;
using EdgeWasm.CloudBridge.KubeletApi;
using EdgeWasm.CloudBridge.Kubernetes;
using EdgeWasm.CloudBridge.Kubernetes.Config;
using EdgeWasm.CloudBridge.Nodes;
using EdgeWasm.CloudBridge.Pods;
using EdgeWasm.CloudBridge.Pods.Status;
using EdgeWasm.CloudBridge.Pods.Sync;
using EdgeWasm.CloudBridge.StaticPods;
using EdgeWasm.Protocol.Mqtt;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeWasm.CloudBridge.Hosting;

/// <summary>
/// Puts the bridge together: the device link and registry, the device catalog, the pod and node stores of the mode
/// (the API server, or manifests and memory), the loops (node, lease, pod sync, pod status), and the HTTPS server with
/// the kubelet API and the admission webhook. One process serves every device.
/// </summary>
internal static class BridgeHost
{
    /// <summary>The bridge's version, as nodes and logs show it.</summary>
    public const string Version = "0.1.0";

    /// <summary>Builds the bridge; throws <see cref="ArgumentException"/> listing every problem with <paramref name="options"/>.</summary>
    public static WebApplication Build(BridgeOptions options, BridgeTuning? tuning = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        tuning ??= new BridgeTuning();
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException("the bridge cannot start:\n  " + string.Join("\n  ", errors));

        var data = options.DataDirectory;
        Directory.CreateDirectory(data);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = data, EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        if (tuning.Logging is { } logging) logging(builder.Logging);
        else builder.Logging.AddSimpleConsole(c => { c.SingleLine = true; c.TimestampFormat = "HH:mm:ss "; }).SetMinimumLevel(LogLevel.Information);

        var services = builder.Services;
        var time = tuning.Time;
        var listen = options.ListenEndpoint;
        var nodeAddress = options.NodeAddress is { Length: > 0 } a ? a : DefaultAddress(listen, options.IsStatic);
        var nodeOptions = new NodeOptions
        {
            KubeletAddress = nodeAddress,
            KubeletPort = listen.Port,
            LeaseRenewInterval = tuning.LeaseRenewInterval,
            StatusReportFrequency = tuning.StatusReportFrequency,
        };
        var fleet = new FleetOptions
        {
            Configured = [.. options.Devices.Select(ConfiguredDevice.Parse), .. options.DevicesFile is { } file ? DevicesFile.Read(file) : []],
            Discover = options.Discover,
            ProfilesDirectory = options.Profiles ?? Protocol.Profiles.ProfileLoader.DefaultDirectory,
            HeartbeatTimeout = TimeSpan.FromSeconds(options.HeartbeatTimeoutSeconds),
        };
        var reconcile = tuning.Reconcile with { Workers = options.Workers };

        services.AddSingleton(time);
        services.AddSingleton(options);
        services.AddSingleton(nodeOptions);
        services.AddSingleton(fleet);
        services.AddSingleton(reconcile);
        services.AddSingleton(tuning.Sync);
        services.AddSingleton(new StatusOptions { OfflineDeletionTimeout = options.OfflineDeletionTimeoutSeconds > 0 ? TimeSpan.FromSeconds(options.OfflineDeletionTimeoutSeconds) : null });

        // Devices over MQTT, or through Azure IoT Hub.
        services.AddSingleton(sp => DeviceRegistry.Open(new DeviceRegistryOptions { StateDirectory = Path.Combine(data, "devices"), HeartbeatTimeout = fleet.HeartbeatTimeout },
            time, sp.GetRequiredService<ILoggerFactory>().CreateLogger("EdgeWasm.CloudBridge.Devices")));
        services.AddSingleton<DesiredLedger>();
        if (options.UsesIotHub)
        {
            services.AddSingleton<IDeviceChannel>(sp => new IotHubDeviceLink(
                tuning.IotHub(IotHubOptions(options, fleet.HeartbeatTimeout)),
                sp.GetRequiredService<DeviceRegistry>(),
                sp.GetRequiredService<ILoggerFactory>().CreateLogger("EdgeWasm.CloudBridge.IotHub"),
                time,
                onDesired: sp.GetRequiredService<DesiredLedger>().Observe));
        }
        else
        {
            services.AddSingleton<IDeviceChannel>(sp => new DeviceLink(
                new DeviceLinkOptions { Mqtt = tuning.Mqtt(MqttOptions(options)) },
                sp.GetRequiredService<DeviceRegistry>(),
                sp.GetRequiredService<ILoggerFactory>().CreateLogger("EdgeWasm.CloudBridge.Devices"),
                time,
                sp.GetRequiredService<DesiredLedger>().Observe));
        }

        services.AddHostedService<DeviceLinkService>();
        services.AddSingleton(new ProfileCatalog(fleet.ProfilesDirectory));
        services.AddSingleton<DeviceCatalog>();
        services.AddSingleton<PodTranslations>();
        services.AddSingleton(new RegistryDigestOptions { PlainHttpRegistries = options.InsecureRegistries, CacheFor = tuning.DigestCacheFor });
        if (tuning.DigestResolver is { } resolver) services.AddSingleton(resolver);
        else services.AddSingleton<IImageDigestResolver>(sp => new RegistryDigestResolver(new HttpClient { Timeout = TimeSpan.FromSeconds(30) },
            sp.GetRequiredService<RegistryDigestOptions>(), time, sp.GetRequiredService<ILogger<RegistryDigestResolver>>()));

        var certificate = LoadCertificate(options, data, nodeAddress, time);
        if (options.IsStatic) AddStatic(services, options, data, tuning);
        else AddCluster(services, options, tuning, certificate.Ca);

        services.AddHostedService<NodeController>();
        services.AddHostedService<PodSyncController>();
        services.AddHostedService<PodStatusController>();
        services.AddSingleton(new KubeletApiOptions { FollowPollInterval = tuning.FollowPollInterval });
        services.AddSingleton<ContainerLogsEndpoint>();
        services.AddSingleton(sp => new PodMutationWebhook(sp.GetRequiredService<DeviceCatalog>(), sp.GetRequiredService<ILogger<PodMutationWebhook>>()));

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(listen, l => l.UseHttps(new HttpsConnectionAdapterOptions
        {
            ServerCertificate = certificate.Serving,
            // The API server presents its kubelet client certificate; ClusterAccess verifies it against the client CA.
            ClientCertificateMode = ClientCertificateMode.AllowCertificate,
            ClientCertificateValidation = (_, _, _) => true,
        })));

        var app = builder.Build();
        app.MapGet("/healthz", () => "ok");
        app.MapGet(ContainerLogsEndpoint.Route, context => context.RequestServices.GetRequiredService<ContainerLogsEndpoint>().HandleAsync(context));
        app.MapPost(PodMutationWebhook.Route, context => context.RequestServices.GetRequiredService<PodMutationWebhook>().HandleAsync(context));

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("EdgeWasm.CloudBridge");
        var mode = options.IsStatic ? $"static pods from {options.Manifests}" : $"cluster {(options.Kubeconfig is null ? "(in-cluster)" : options.Kubeconfig)}";
        BridgeLog.Starting(logger, Version, mode, options.Transport, fleet.Configured.Count, fleet.Discover, data);
        BridgeLog.Advertising(logger, nodeAddress, listen.Port);
        var endpoint = listen.ToString();
        KubeletApiLog.Listening(logger, endpoint, certificate.Serving.Subject, certificate.Serving.NotAfter);
        return app;
    }

    /// <summary>Builds and runs the bridge until <paramref name="cancellationToken"/> fires (or the process is stopped).</summary>
    public static async Task RunAsync(BridgeOptions options, CancellationToken cancellationToken)
    {
        await using var app = Build(options);
        await app.RunAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void AddStatic(IServiceCollection services, BridgeOptions options, string data, BridgeTuning tuning)
    {
        var manifests = Path.GetFullPath(options.Manifests!);
        services.AddSingleton(sp => new StaticPodStore(manifests, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IPodStore>(sp => sp.GetRequiredService<StaticPodStore>());
        services.AddSingleton<INodeStore, MemoryNodeStore>();
        services.AddSingleton<StaticEventLog>();
        services.AddSingleton<IPodEventSink>(sp => sp.GetRequiredService<StaticEventLog>());
        services.AddSingleton<StaticStatus>();
        services.AddSingleton<IKubeletAuthorizer, OpenAccess>();
        services.AddHostedService(sp => new ManifestWatcher(sp.GetRequiredService<StaticPodStore>(), tuning.ManifestRescanInterval, sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ManifestWatcher>>()));
        var statusFile = options.StatusFile ?? Path.Combine(data, "status.json");
        services.AddHostedService(sp => new StatusFileWriter(sp.GetRequiredService<StaticStatus>(), statusFile, sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<StatusFileWriter>>()));
    }

    private static void AddCluster(IServiceCollection services, BridgeOptions options, BridgeTuning tuning, X509Certificate2 ca)
    {
        var connection = options.Kubeconfig is { } file ? KubeConfigLoader.FromFile(file, options.Context) : InClusterConfig.Load();
        var kubeOptions = tuning.Kube(new KubeClientOptions { Qps = options.KubeQps, Burst = options.KubeBurst, UserAgent = $"edgewasm-bridge/{Version}" });
        services.AddSingleton(sp => new KubeClient(connection, kubeOptions, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<KubeClient>>()));
        services.AddSingleton(tuning.Informers);
        services.AddSingleton(sp => new ReferenceCache(sp.GetRequiredService<KubeClient>(), tuning.ReferenceTtl, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<KubePodStore>();
        services.AddSingleton<IPodStore>(sp => sp.GetRequiredService<KubePodStore>());
        services.AddSingleton<KubeNodeStore>();
        services.AddSingleton<INodeStore>(sp => sp.GetRequiredService<KubeNodeStore>());
        services.AddHostedService(sp => sp.GetRequiredService<KubeNodeStore>());
        services.AddSingleton<IPodEventSink, KubeEventRecorder>();
        services.AddSingleton<LeaseController>();
        services.AddHostedService(sp => sp.GetRequiredService<LeaseController>());
        X509Certificate2Collection? clientCa = null;
        if (options.ClientCaFile is { } caFile)
        {
            clientCa = [];
            clientCa.ImportFromPemFile(caFile);
        }

        services.AddSingleton<IKubeletAuthorizer>(sp => new ClusterAccess(sp.GetRequiredService<KubeClient>(), clientCa, sp.GetRequiredService<TimeProvider>()));
        if (options.WebhookConfiguration is { Length: > 0 } webhook)
        {
            var pem = ca.ExportCertificatePem() + "\n";
            services.AddHostedService(sp => new CaBundleInjector(sp.GetRequiredService<KubeClient>(), webhook, pem, sp.GetRequiredService<ILogger<CaBundleInjector>>()));
        }
    }

    // Twins are read at least twice per heartbeat timeout, so a connected device never looks silent between reads.
    private static IotHubServiceOptions IotHubOptions(BridgeOptions options, TimeSpan heartbeatTimeout) =>
        IotHubServiceOptions.FromConnectionString(options.IotHub!) with
        {
            CaFile = options.IotHubCa,
            Endpoint = options.IotHubEndpoint is { Length: > 0 } endpoint ? new Uri(endpoint) : null,
            PollInterval = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(10).Ticks, heartbeatTimeout.Ticks / 4)),
        };

    private static MqttClientOptions MqttOptions(BridgeOptions options)
    {
        var mqtt = MqttClientOptions.FromUri(options.Mqtt!, options.MqttClientId, options.MqttCa);
        if (options.MqttCert is { } cert && mqtt.Tls is { } tls) mqtt = mqtt with { Tls = tls with { CertificateFile = cert, KeyFile = options.MqttKey } };
        return mqtt;
    }

    // The serving certificate and the CA that verifies it (for the webhook's caBundle and --kubelet-certificate-authority).
    private static (X509Certificate2 Serving, X509Certificate2 Ca) LoadCertificate(BridgeOptions options, string data, string nodeAddress, TimeProvider time)
    {
        if (options.TlsCertFile is { } certFile)
        {
            var given = ServingCertificate.Load(certFile, options.TlsKeyFile!);
            var chain = new X509Certificate2Collection();
            chain.ImportFromPemFile(certFile);
            return (given, chain.Count > 1 ? chain[^1] : given);
        }

        var names = new List<string> { "localhost", "127.0.0.1", Dns.GetHostName(), nodeAddress };
        names.AddRange(options.TlsSan);
        if (!options.ListenEndpoint.Address.Equals(IPAddress.Any)) names.Add(options.ListenEndpoint.Address.ToString());
        var serving = ServingCertificate.LoadOrCreate(data, [.. names.Distinct(StringComparer.OrdinalIgnoreCase)], time.GetUtcNow());
        return (serving, X509CertificateLoader.LoadCertificateFromFile(Path.Combine(data, ServingCertificate.CaFileName)));
    }

    // The address the API server should dial: the listener's own when it is specific, else this host's first non-loopback IPv4.
    private static string DefaultAddress(IPEndPoint listen, bool isStatic)
    {
        if (!listen.Address.Equals(IPAddress.Any) && !listen.Address.Equals(IPAddress.IPv6Any)) return listen.Address.ToString();
        if (isStatic) return "127.0.0.1";
        var address = NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(u => u.Address)
            .FirstOrDefault(ip => ip.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(ip));
        return (address ?? IPAddress.Loopback).ToString();
    }
}
