namespace EdgeWasm.EdgeAgent.Hosting;

/// <summary>Who the agent is and where its desired state comes from. Bound from the "Agent" section (the command line's
/// <c>--device</c>, <c>--data</c>, <c>--desired</c>, <c>--mqtt</c>, <c>--mqtt-ca</c>, <c>--heartbeat</c>) and validated at start.</summary>
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

    /// <summary>How often a heartbeat goes to the broker.</summary>
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the desired file is checked for changes besides the file system's notifications.</summary>
    public TimeSpan DesiredFilePoll { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The store's file in the data folder.</summary>
    public string StorePath => Path.Combine(DataDirectory, "agent.db");
}
