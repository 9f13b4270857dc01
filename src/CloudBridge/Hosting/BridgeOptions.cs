using System.Globalization;
using System.Net;

namespace EdgeWasm.CloudBridge.Hosting;

/// <summary>
/// Everything the bridge is started with: the command line's flags (<c>edgewasm bridge --help</c>), or configuration
/// keys of the same names (environment <c>EDGEWASM_Mqtt</c>, …) for the bridge run on its own. Checked as a whole at
/// start by <see cref="Validate"/>.
/// </summary>
internal sealed class BridgeOptions
{
    /// <summary>kubeconfig file; without it (and without <see cref="Manifests"/>) the in-cluster service account is used.</summary>
    public string? Kubeconfig { get; set; }

    /// <summary>kubeconfig context to use instead of the current one.</summary>
    public string? Context { get; set; }

    /// <summary>Static pod mode: Pod (and ConfigMap, Secret) manifests in this folder, no cluster.</summary>
    public string? Manifests { get; set; }

    /// <summary>Static pod mode: where the JSON status file goes (default: <c>DATA/status.json</c>).</summary>
    public string? StatusFile { get; set; }

    /// <summary>The broker: <c>mqtt://[user:password@]host[:port]</c> or <c>mqtts://…</c>.</summary>
    public string? Mqtt { get; set; }

    /// <summary>CA file verifying the broker (mqtts).</summary>
    public string? MqttCa { get; set; }

    /// <summary>Client certificate for the broker (mqtts).</summary>
    public string? MqttCert { get; set; }

    /// <summary>Key of <see cref="MqttCert"/>.</summary>
    public string? MqttKey { get; set; }

    /// <summary>The bridge's MQTT client id (fixed, for its persistent session).</summary>
    public string MqttClientId { get; set; } = "edgewasm-bridge";

    /// <summary>
    /// Azure IoT Hub instead of a broker: a shared access policy's connection string
    /// (<c>HostName=…;SharedAccessKeyName=…;SharedAccessKey=…</c>) with RegistryRead, RegistryWrite and ServiceConnect.
    /// </summary>
    public string? IotHub { get; set; }

    /// <summary>A CA file that verifies the hub's HTTPS certificate, instead of the system's trust store.</summary>
    public string? IotHubCa { get; set; }

    /// <summary>The hub's service API address, when it is not <c>https://{HostName}/</c> (configuration only, for an emulator).</summary>
    public string? IotHubEndpoint { get; set; }

    /// <summary>Whether devices are reached through IoT Hub.</summary>
    public bool UsesIotHub => !string.IsNullOrEmpty(IotHub);

    /// <summary>How devices are reached, for the start-up message (no secrets).</summary>
    public string Transport => UsesIotHub ? "IoT Hub " + Protocol.IotHub.IotHubConnectionString.ParseService(IotHub!) : "broker " + Mqtt;

    /// <summary>Devices served whether heard from or not: <c>ID</c> or <c>ID=PROFILE</c>.</summary>
    public List<string> Devices { get; set; } = [];

    /// <summary>A file of devices, one per line: <c>ID [PROFILE]</c>.</summary>
    public string? DevicesFile { get; set; }

    /// <summary>Also serve every device that reports itself on the broker.</summary>
    public bool Discover { get; set; } = true;

    /// <summary>Hardware profiles folder (default: <c>profiles/</c> next to the program).</summary>
    public string? Profiles { get; set; }

    /// <summary>The HTTPS listener (kubelet API, webhook): <c>ADDRESS:PORT</c>. Default 0.0.0.0:10250 (static pod mode: 127.0.0.1:10250).</summary>
    public string? Listen { get; set; }

    /// <summary>The address nodes advertise for the kubelet API (the API server dials it for kubectl logs). Default: this host's first non-loopback IPv4.</summary>
    public string? NodeAddress { get; set; }

    /// <summary>Serving certificate (PEM, with chain); default: one made and kept in the data folder.</summary>
    public string? TlsCertFile { get; set; }

    /// <summary>Key of <see cref="TlsCertFile"/>.</summary>
    public string? TlsKeyFile { get; set; }

    /// <summary>Extra DNS names or addresses for a self-made certificate (e.g. the webhook service's name).</summary>
    public List<string> TlsSan { get; set; } = [];

    /// <summary>CA verifying client certificates on the kubelet API (the API server's kubelet client certificate).</summary>
    public string? ClientCaFile { get; set; }

    /// <summary>MutatingWebhookConfiguration whose caBundle the bridge fills with its CA at start.</summary>
    public string? WebhookConfiguration { get; set; }

    /// <summary>Where the bridge keeps its state (device registry journal, certificate, status file).</summary>
    public string? DataDir { get; set; }

    /// <summary>Seconds without a heartbeat before a device counts as offline.</summary>
    public double HeartbeatTimeoutSeconds { get; set; } = 40;

    /// <summary>Seconds a pod being deleted waits past its grace period on an offline device before it is removed anyway; 0: until the device returns.</summary>
    public double OfflineDeletionTimeoutSeconds { get; set; }

    /// <summary>Kubernetes API requests per second (client-side rate limit).</summary>
    public double KubeQps { get; set; } = 50;

    /// <summary>Kubernetes API request burst.</summary>
    public int KubeBurst { get; set; } = 100;

    /// <summary>Devices reconciled at once by each loop.</summary>
    public int Workers { get; set; } = 4;

    /// <summary>Registries spoken to over plain HTTP when pinning digests (loopback ones always are).</summary>
    public List<string> InsecureRegistries { get; set; } = [];

    /// <summary>True in static pod mode.</summary>
    public bool IsStatic => !string.IsNullOrEmpty(Manifests);

    /// <summary>The data folder: <see cref="DataDir"/>, else <c>$XDG_DATA_HOME/edgewasm/bridge</c> or <c>~/.local/share/edgewasm/bridge</c>.</summary>
    public string DataDirectory => DataDir is { Length: > 0 } dir
        ? Path.GetFullPath(dir)
        : Path.Combine(Environment.GetEnvironmentVariable("XDG_DATA_HOME") is { Length: > 0 } xdg ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share"), "edgewasm", "bridge");

    /// <summary>The listener's endpoint.</summary>
    public IPEndPoint ListenEndpoint => IPEndPoint.Parse(Listen is { Length: > 0 } l ? l : IsStatic ? "127.0.0.1:10250" : "0.0.0.0:10250");

    /// <summary>Every problem with the options, each naming the flag; empty when they can work.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (UsesIotHub)
        {
            if (!string.IsNullOrWhiteSpace(Mqtt)) errors.Add("give either --mqtt URL or --iothub CONNECTION_STRING, not both: devices are reached one way");
            try
            {
                Protocol.IotHub.IotHubConnectionString.ParseService(IotHub!);
                if (IotHubEndpoint is { Length: > 0 } hubEndpoint && !Uri.TryCreate(hubEndpoint, UriKind.Absolute, out _)) errors.Add($"IotHubEndpoint '{hubEndpoint}' is not an absolute URI");
            }
            catch (FormatException ex)
            {
                errors.Add($"--iothub: {ex.Message}");
            }
        }
        else if (string.IsNullOrWhiteSpace(Mqtt)) errors.Add("--mqtt is required (mqtt://host[:port] or mqtts://host[:port]), or --iothub CONNECTION_STRING");
        else
        {
            try
            {
                Protocol.Mqtt.MqttClientOptions.FromUri(Mqtt, MqttClientId, MqttCa);
            }
            catch (ArgumentException ex)
            {
                errors.Add($"--mqtt: {ex.Message}");
            }
        }

        if (IsStatic && !string.IsNullOrEmpty(Kubeconfig)) errors.Add("--manifests (static pod mode, no cluster) and --kubeconfig exclude each other");
        if (IsStatic && !Directory.Exists(Manifests)) errors.Add($"--manifests: folder {Manifests} does not exist");
        if (!string.IsNullOrEmpty(Kubeconfig) && !File.Exists(Kubeconfig)) errors.Add($"--kubeconfig: file {Kubeconfig} does not exist");
        if (!IsStatic && string.IsNullOrEmpty(Kubeconfig) && !Kubernetes.Config.InClusterConfig.IsAvailable())
        {
            errors.Add("no cluster to talk to: give --kubeconfig FILE, run in a pod with a service account, or use --manifests DIR for static pods");
        }

        foreach (var (flag, file) in new[] { ("--mqtt-ca", MqttCa), ("--iothub-ca", IotHubCa), ("--mqtt-cert", MqttCert), ("--mqtt-key", MqttKey), ("--tls-cert-file", TlsCertFile), ("--tls-key-file", TlsKeyFile), ("--client-ca-file", ClientCaFile), ("--devices-file", DevicesFile) })
        {
            if (!string.IsNullOrEmpty(file) && !File.Exists(file)) errors.Add($"{flag}: file {file} does not exist");
        }

        if (string.IsNullOrEmpty(TlsCertFile) != string.IsNullOrEmpty(TlsKeyFile)) errors.Add("--tls-cert-file and --tls-key-file go together");
        if (string.IsNullOrEmpty(MqttCert) != string.IsNullOrEmpty(MqttKey)) errors.Add("--mqtt-cert and --mqtt-key go together");
        if (!IPEndPoint.TryParse(Listen is { Length: > 0 } l ? l : "0.0.0.0:10250", out var endpoint) || endpoint.Port == 0) errors.Add($"--listen '{Listen}' is not ADDRESS:PORT");
        if (NodeAddress is { Length: > 0 } address && !IPAddress.TryParse(address, out _)) errors.Add($"--node-address '{address}' is not an IP address");
        foreach (var device in Devices)
        {
            try
            {
                Fleet.ConfiguredDevice.Parse(device);
            }
            catch (ArgumentException ex)
            {
                errors.Add($"--device: {ex.Message}");
            }
        }

        if (HeartbeatTimeoutSeconds is < 1 or > 86400) errors.Add($"--heartbeat-timeout {HeartbeatTimeoutSeconds.ToString(CultureInfo.InvariantCulture)} must be 1..86400 seconds");
        if (OfflineDeletionTimeoutSeconds < 0) errors.Add("--offline-deletion-timeout must not be negative");
        if (KubeQps <= 0 || KubeBurst < 1) errors.Add("--kube-qps must be positive and --kube-burst at least 1");
        if (Workers is < 1 or > 64) errors.Add("--workers must be 1..64");
        if (!IsStatic && !Discover && Devices.Count == 0 && string.IsNullOrEmpty(DevicesFile)) errors.Add("no devices: give --device or --devices-file, or leave discovery on");
        return errors;
    }
}
