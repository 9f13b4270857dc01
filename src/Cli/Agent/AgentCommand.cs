using System.CommandLine;
using System.Globalization;
using EdgeWasm.Cli.Run;
using EdgeWasm.EdgeAgent.Hosting;

namespace EdgeWasm.Cli.Agent;

/// <summary>
/// <c>edgewasm agent --device ID --profile NAME --data DIR [--desired FILE | --mqtt URL [--mqtt-ca FILE] | --iothub CONNECTION_STRING |
/// --iothub-host HOST --iothub-cert FILE --iothub-key FILE] [--iothub-ca FILE] [--heartbeat 10s] [--advertise-address IP]</c>:
/// runs the device agent in the foreground until SIGTERM or Ctrl+C. The agent validates its options at start and
/// says what is wrong (exit code 2).
/// </summary>
internal static class AgentCommand
{
    /// <summary>Builds the <c>agent</c> command.</summary>
    public static Command Create()
    {
        var device = new Option<string>("--device") { Description = "The device's id (a Kubernetes node name, e.g. pi-kitchen).", HelpName = "ID", Required = true };
        var profile = new Option<string>("--profile") { Description = "The hardware profile, e.g. raspberry-pi-4-4gb.", HelpName = "NAME", Required = true };
        var data = new Option<string>("--data") { Description = "The folder for the store (agent.db) and the workloads' volumes.", HelpName = "DIR", Required = true };
        var desired = new Option<string?>("--desired") { Description = "Apply the desired state in this JSON file (re-read when it changes) instead of MQTT.", HelpName = "FILE" };
        var mqtt = new Option<string?>("--mqtt") { Description = "The broker: mqtt://[user:password@]host[:port] or mqtts://...", HelpName = "URL" };
        var mqttCa = new Option<string?>("--mqtt-ca") { Description = "The CA certificate that signs an mqtts broker's certificate.", HelpName = "FILE" };
        var heartbeat = new Option<string?>("--heartbeat") { Description = "How often to send a heartbeat over MQTT, e.g. 5s (default 10s).", HelpName = "DURATION" };
        var iothub = new Option<string?>("--iothub") { Description = "An Azure IoT Hub device connection string (HostName=...;DeviceId=...;SharedAccessKey=... or ...;x509=true), instead of MQTT. EDGEWASM_Agent__IotHub keeps it off the command line.", HelpName = "CONNECTION_STRING" };
        var iothubHost = new Option<string?>("--iothub-host") { Description = "The IoT Hub host (e.g. contoso.azure-devices.net) for a device with an X.509 certificate.", HelpName = "HOST" };
        var iothubCert = new Option<string?>("--iothub-cert") { Description = "The device's X.509 certificate (PEM) for IoT Hub.", HelpName = "FILE" };
        var iothubKey = new Option<string?>("--iothub-key") { Description = "The private key (PEM) of --iothub-cert.", HelpName = "FILE" };
        var iothubCa = new Option<string?>("--iothub-ca") { Description = "A CA file that verifies the hub (default: the system's CAs).", HelpName = "FILE" };
        var advertise = new Option<string?>("--advertise-address") { Description = "The IP address reported as the pods' hostIP and podIP (default: this device's interface addresses, IPv4 first).", HelpName = "IP" };
        var profiles = new Option<string?>("--profiles") { Description = "The folder holding the hardware profiles (default: the ones shipped with edgewasm).", HelpName = "DIR" };
        var command = new Command("agent", "Run the device agent: supervise wasm workloads as the desired state says, keep running offline.")
        {
            device, profile, data, desired, mqtt, mqttCa, heartbeat, iothub, iothubHost, iothubCert, iothubKey, iothubCa, advertise, profiles,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var settings = new Dictionary<string, string?>
            {
                ["Agent:DeviceId"] = parse.GetValue(device),
                ["Profile:Name"] = parse.GetValue(profile),
                ["Agent:DataDirectory"] = parse.GetValue(data),
                ["Agent:DesiredFile"] = parse.GetValue(desired),
                ["Agent:Mqtt"] = parse.GetValue(mqtt),
                ["Agent:MqttCa"] = parse.GetValue(mqttCa),
                ["Agent:IotHub"] = parse.GetValue(iothub),
                ["Agent:IotHubHost"] = parse.GetValue(iothubHost),
                ["Agent:IotHubCertificate"] = parse.GetValue(iothubCert),
                ["Agent:IotHubKey"] = parse.GetValue(iothubKey),
                ["Agent:IotHubCa"] = parse.GetValue(iothubCa),
                ["Agent:AdvertiseAddress"] = parse.GetValue(advertise),
                ["Profile:Directory"] = parse.GetValue(profiles),
            };
            if (parse.GetValue(heartbeat) is { } text)
            {
                if (!SizeParser.TryParseDuration(text, out var interval))
                {
                    await error.WriteLineAsync($"edgewasm agent: --heartbeat \"{text}\" is not a duration (e.g. 5s)");
                    return AgentHost.BadConfiguration;
                }

                settings["Agent:Heartbeat"] = interval.ToString("c", CultureInfo.InvariantCulture);
            }

            return await AgentHost.RunAsync([], settings.Where(s => s.Value is not null), error, cancellationToken);
        });
        return command;
    }
}
