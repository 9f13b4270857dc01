using System.CommandLine;
using System.Globalization;
using EdgeWasm.CloudBridge.Hosting;

namespace EdgeWasm.Cli.Bridge;

/// <summary>
/// <c>edgewasm bridge (--mqtt URL | --iothub CONNECTION_STRING) [--kubeconfig FILE | --manifests DIR] [--device ID[=PROFILE]]... [--listen ADDR:PORT] ...</c>:
/// the cloud bridge, a Kubernetes node per device (or, with --manifests, static pods without a cluster). See docs/bridge.md.
/// </summary>
internal static class BridgeCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "kubeconfig file; without it (and without --manifests) the in-cluster service account is used", HelpName = "FILE" };
        var context = new Option<string?>("--context") { Description = "kubeconfig context to use instead of the current one", HelpName = "NAME" };
        var manifests = new Option<string?>("--manifests") { Description = "Static pod mode: run the Pod manifests in this folder, no cluster", HelpName = "DIR" };
        var statusFile = new Option<string?>("--status-file") { Description = "Static pod mode: write the pods' status as JSON here (default DATA/status.json)", HelpName = "FILE" };
        var mqtt = new Option<string?>("--mqtt") { Description = "The broker: mqtt://[user:password@]host[:port] or mqtts://...", HelpName = "URL" };
        var iothub = new Option<string?>("--iothub") { Description = "Azure IoT Hub instead of a broker: a shared access policy's connection string (RegistryRead, RegistryWrite, ServiceConnect); EDGEWASM_IotHub keeps it off the command line", HelpName = "CONNECTION_STRING" };
        var iothubCa = new Option<string?>("--iothub-ca") { Description = "CA file that verifies the hub (default: the system's)", HelpName = "FILE" };
        var mqttCa = new Option<string?>("--mqtt-ca") { Description = "CA file that verifies the broker (mqtts)", HelpName = "FILE" };
        var mqttCert = new Option<string?>("--mqtt-cert") { Description = "Client certificate for the broker", HelpName = "FILE" };
        var mqttKey = new Option<string?>("--mqtt-key") { Description = "Key of --mqtt-cert", HelpName = "FILE" };
        var mqttClientId = new Option<string>("--mqtt-client-id") { Description = "The bridge's MQTT client id (fixed: its session persists)", DefaultValueFactory = _ => "edgewasm-bridge" };
        var device = new Option<string[]>("--device") { Description = "A device to serve, ID or ID=PROFILE (repeatable)", HelpName = "ID[=PROFILE]", AllowMultipleArgumentsPerToken = false };
        var devicesFile = new Option<string?>("--devices-file") { Description = "Devices to serve, one per line: ID [PROFILE]", HelpName = "FILE" };
        var noDiscover = new Option<bool>("--no-discover") { Description = "Serve only the configured devices, not every device that reports itself on the broker" };
        var profiles = new Option<string?>("--profiles") { Description = "Hardware profiles folder (default: profiles/ next to the program)", HelpName = "DIR" };
        var listen = new Option<string?>("--listen") { Description = "HTTPS listener for kubectl logs and the webhook (default 0.0.0.0:10250; static: 127.0.0.1:10250)", HelpName = "ADDR:PORT" };
        var nodeAddress = new Option<string?>("--node-address") { Description = "Address the nodes advertise for their kubelet API (default: this host's first IPv4)", HelpName = "IP" };
        var tlsCert = new Option<string?>("--tls-cert-file") { Description = "Serving certificate (PEM, with chain); default: made and kept in the data folder", HelpName = "FILE" };
        var tlsKey = new Option<string?>("--tls-key-file") { Description = "Key of --tls-cert-file", HelpName = "FILE" };
        var tlsSan = new Option<string[]>("--tls-san") { Description = "Extra DNS name or IP for the made certificate (repeatable)", HelpName = "NAME" };
        var clientCa = new Option<string?>("--client-ca-file") { Description = "CA that verifies the API server's kubelet client certificate", HelpName = "FILE" };
        var webhook = new Option<string?>("--webhook-configuration") { Description = "MutatingWebhookConfiguration whose caBundle gets the bridge's CA at start", HelpName = "NAME" };
        var dataDir = new Option<string?>("--data-dir") { Description = "State folder (default ~/.local/share/edgewasm/bridge)", HelpName = "DIR" };
        var heartbeat = new Option<string>("--heartbeat-timeout") { Description = "A device silent this long is offline", DefaultValueFactory = _ => "40s", HelpName = "DURATION" };
        var offlineDeletion = new Option<string?>("--offline-deletion-timeout") { Description = "Remove a deleted pod this long past its grace period even if its device is offline (default: wait for the device)", HelpName = "DURATION" };
        var qps = new Option<double>("--kube-qps") { Description = "Kubernetes API requests per second", DefaultValueFactory = _ => 50 };
        var burst = new Option<int>("--kube-burst") { Description = "Kubernetes API request burst", DefaultValueFactory = _ => 100 };
        var workers = new Option<int>("--workers") { Description = "Devices reconciled at once per loop", DefaultValueFactory = _ => 4 };
        var insecure = new Option<string[]>("--insecure-registry") { Description = "Registry (host:port) spoken to over plain HTTP when pinning digests (repeatable)", HelpName = "HOST" };
        var command = new Command("bridge", "The cloud bridge: a Kubernetes node per device, pods as the devices' desired state, status back, kubectl logs")
        {
            kubeconfig, context, manifests, statusFile, mqtt, iothub, iothubCa, mqttCa, mqttCert, mqttKey, mqttClientId, device, devicesFile, noDiscover, profiles, listen,
            nodeAddress, tlsCert, tlsKey, tlsSan, clientCa, webhook, dataDir, heartbeat, offlineDeletion, qps, burst, workers, insecure,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            if (!TrySeconds(parse.GetValue(heartbeat), out var heartbeatSeconds) || !TrySeconds(parse.GetValue(offlineDeletion), out var offlineSeconds))
            {
                await error.WriteLineAsync("edgewasm bridge: --heartbeat-timeout and --offline-deletion-timeout take durations such as 40s, 5m or 250ms");
                return 2;
            }

            var options = new BridgeOptions
            {
                Kubeconfig = parse.GetValue(kubeconfig),
                Context = parse.GetValue(context),
                Manifests = parse.GetValue(manifests),
                StatusFile = parse.GetValue(statusFile),
                Mqtt = parse.GetValue(mqtt),
                IotHub = parse.GetValue(iothub) ?? Environment.GetEnvironmentVariable("EDGEWASM_IotHub"),
                IotHubCa = parse.GetValue(iothubCa),
                MqttCa = parse.GetValue(mqttCa),
                MqttCert = parse.GetValue(mqttCert),
                MqttKey = parse.GetValue(mqttKey),
                MqttClientId = parse.GetValue(mqttClientId)!,
                Devices = [.. parse.GetValue(device) ?? []],
                DevicesFile = parse.GetValue(devicesFile),
                Discover = !parse.GetValue(noDiscover),
                Profiles = parse.GetValue(profiles),
                Listen = parse.GetValue(listen),
                NodeAddress = parse.GetValue(nodeAddress),
                TlsCertFile = parse.GetValue(tlsCert),
                TlsKeyFile = parse.GetValue(tlsKey),
                TlsSan = [.. parse.GetValue(tlsSan) ?? []],
                ClientCaFile = parse.GetValue(clientCa),
                WebhookConfiguration = parse.GetValue(webhook),
                DataDir = parse.GetValue(dataDir),
                HeartbeatTimeoutSeconds = heartbeatSeconds ?? 40,
                OfflineDeletionTimeoutSeconds = offlineSeconds ?? 0,
                KubeQps = parse.GetValue(qps),
                KubeBurst = parse.GetValue(burst),
                Workers = parse.GetValue(workers),
                InsecureRegistries = [.. parse.GetValue(insecure) ?? []],
            };
            try
            {
                await BridgeHost.RunAsync(options, cancellationToken);
                return 0;
            }
            catch (ArgumentException ex)
            {
                await error.WriteLineAsync("edgewasm bridge: " + ex.Message);
                return 2;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return 0;
            }
        });
        return command;
    }

    private static bool TrySeconds(string? text, out double? seconds)
    {
        seconds = null;
        if (string.IsNullOrEmpty(text)) return true;
        if (!Run.SizeParser.TryParseDuration(text, out var duration))
        {
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var plain) && (seconds = plain) is not null;
        }

        seconds = duration.TotalSeconds;
        return true;
    }
}
