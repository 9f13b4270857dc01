namespace EdgeWasm.EdgeAgent.Hosting;

/// <summary>Who the agent is and where its desired state comes from. Bound from the "Agent" section (the command line's
/// <c>--device</c>, <c>--data</c>, <c>--desired</c>, <c>--mqtt</c>, <c>--mqtt-ca</c>, <c>--heartbeat</c>, <c>--iothub</c>,
/// <c>--iothub-host</c>, <c>--iothub-cert</c>, <c>--iothub-key</c>, <c>--iothub-ca</c>) and validated at start.</summary>
internal sealed class AgentOptions
{
    /// <summary>The device's id: a Kubernetes node name.</summary>
    public string DeviceId { get; set; } = "";

    /// <summary>The folder holding the store (<c>agent.db</c>) and the workloads' volumes (<c>pods/</c>).</summary>
    public string DataDirectory { get; set; } = "";

    /// <summary>A desired document to apply from a file (re-read when it changes), instead of MQTT.</summary>
    public string? DesiredFile { get; set; }

    /// <summary>The broker: <c>mqtt://[user:password@]host[:port]</c> or <c>mqtts://…</c>.</summary>
    public string? Mqtt { get; set; }

    /// <summary>The CA file that signs an mqtts broker's certificate.</summary>
    public string? MqttCa { get; set; }

    /// <summary>
    /// An Azure IoT Hub device connection string (<c>HostName=…;DeviceId=…;SharedAccessKey=…</c>, or <c>…;x509=true</c>
    /// with <see cref="IotHubCertificate"/> and <see cref="IotHubKey"/>), instead of MQTT.
    /// </summary>
    public string? IotHub { get; set; }

    /// <summary>The IoT Hub host for a device that authenticates with an X.509 certificate, instead of a connection string.</summary>
    public string? IotHubHost { get; set; }

    /// <summary>The device's X.509 certificate (PEM) for IoT Hub.</summary>
    public string? IotHubCertificate { get; set; }

    /// <summary>The private key (PEM) of <see cref="IotHubCertificate"/>.</summary>
    public string? IotHubKey { get; set; }

    /// <summary>A CA file that verifies the hub, instead of the system's CA directory.</summary>
    public string? IotHubCa { get; set; }

    /// <summary>The hub's MQTT port: 8883 on a real hub (configuration only, for an emulator).</summary>
    public int IotHubPort { get; set; } = 8883;

    /// <summary>How often the heartbeat is written into the twin (twin writes are throttled per hub: minutes, not seconds).</summary>
    public TimeSpan IotHubHeartbeat { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Whether desired state comes from IoT Hub.</summary>
    public bool UsesIotHub => IotHub is not null || IotHubHost is not null;

    /// <summary>
    /// The address the device reports for its pods' hostIP and podIP (where its workloads' ports are reached). Unset:
    /// the addresses of its network interfaces that are up, IPv4 first, loopback and link-local left out.
    /// </summary>
    public string? AdvertiseAddress { get; set; }

    /// <summary>How often a heartbeat goes to the broker.</summary>
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the desired file is checked for changes besides the file system's notifications.</summary>
    public TimeSpan DesiredFilePoll { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The IoT Hub connection these options describe; throws <see cref="FormatException"/> or <see cref="ArgumentException"/> when they do not.</summary>
    public Protocol.IotHub.IotHubDeviceOptions IotHubDevice()
    {
        if (IotHub is { } connectionString)
        {
            var options = Protocol.IotHub.IotHubDeviceOptions.FromConnectionString(connectionString, IotHubCa, IotHubCertificate, IotHubKey);
            if (options.DeviceId != DeviceId) throw new ArgumentException($"the connection string is for device '{options.DeviceId}', not --device '{DeviceId}'");
            return options with { Port = IotHubPort };
        }

        if (IotHubCertificate is null || IotHubKey is null) throw new ArgumentException("--iothub-host needs --iothub-cert and --iothub-key (the device's X.509 certificate and key)");
        return new Protocol.IotHub.IotHubDeviceOptions { HostName = IotHubHost!, Port = IotHubPort, DeviceId = DeviceId, CertificateFile = IotHubCertificate, KeyFile = IotHubKey, CaFile = IotHubCa };
    }

    /// <summary>The store's file in the data folder.</summary>
    public string StorePath => Path.Combine(DataDirectory, "agent.db");
}
