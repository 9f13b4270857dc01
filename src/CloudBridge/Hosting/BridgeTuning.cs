using EdgeWasm.CloudBridge.Kubernetes;
using EdgeWasm.CloudBridge.Kubernetes.Informers;
using EdgeWasm.CloudBridge.Pods;
using EdgeWasm.CloudBridge.Pods.Sync;
using EdgeWasm.CloudBridge.Reconcile;
using EdgeWasm.Protocol.Mqtt;
using Microsoft.Extensions.Logging;

namespace EdgeWasm.CloudBridge.Hosting;

/// <summary>
/// Pacing and parts that are not command-line options: the defaults are the production ones (the kubelet's periods);
/// tests shorten the periods and capture the log.
/// </summary>
internal sealed record BridgeTuning
{
    /// <summary>The clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Logging setup; null: the console, one line per entry.</summary>
    public Action<ILoggingBuilder>? Logging { get; init; }

    /// <summary>Pacing of the device loops (workers come from the options).</summary>
    public ReconcileOptions Reconcile { get; init; } = new();

    /// <summary>Lease renewal and node status report periods.</summary>
    public TimeSpan LeaseRenewInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A node's status is written at least this often.</summary>
    public TimeSpan StatusReportFrequency { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Pinning and publishing.</summary>
    public SyncOptions Sync { get; init; } = new();

    /// <summary>Informer paging and watch timeouts.</summary>
    public InformerOptions Informers { get; init; } = new();

    /// <summary>How long a ConfigMap or Secret read is reused.</summary>
    public TimeSpan ReferenceTtl { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a followed log is polled.</summary>
    public TimeSpan FollowPollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the manifests folder is checked for changes.</summary>
    public TimeSpan ManifestRescanInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Changes to the broker connection settings (shorter reconnect delays in tests).</summary>
    public Func<MqttClientOptions, MqttClientOptions> Mqtt { get; init; } = o => o;

    /// <summary>Adjusts the IoT Hub service options (tests shorten the poll interval).</summary>
    public Func<IotHub.IotHubServiceOptions, IotHub.IotHubServiceOptions> IotHub { get; init; } = o => o;

    /// <summary>Changes to the Kubernetes client settings (rate limit and timeouts come from the options).</summary>
    public Func<KubeClientOptions, KubeClientOptions> Kube { get; init; } = o => o;

    /// <summary>How long a resolved digest is reused for other pods of the same image.</summary>
    public TimeSpan DigestCacheFor { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Pins image digests; null: over HTTP with <see cref="RegistryDigestResolver"/>.</summary>
    public IImageDigestResolver? DigestResolver { get; init; }
}
