using EdgeWasm.Protocol.Mqtt;
using EdgeWasm.Protocol.Topics;
using Microsoft.Extensions.Options;

namespace EdgeWasm.EdgeAgent.Hosting;

/// <summary>Stops the agent at start when its options cannot work, saying which one and why.</summary>
internal sealed class AgentOptionsValidator : IValidateOptions<AgentOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, AgentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!DeviceIds.IsValid(options.DeviceId))
        {
            try
            {
                DeviceIds.Validate(options.DeviceId);
            }
            catch (ArgumentException ex)
            {
                errors.Add($"--device: {ex.Message}");
            }
        }

        if (string.IsNullOrWhiteSpace(options.DataDirectory)) errors.Add("--data DIR is required: the folder for the store and the workloads' volumes");
        if (options.DesiredFile is not null && options.Mqtt is not null) errors.Add("give either --desired FILE or --mqtt URL, not both: a device has one source of desired state");
        if (options.DesiredFile is { } file && !Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(file))))
        {
            errors.Add($"--desired: the folder of {file} does not exist");
        }

        if (options.Mqtt is { } url)
        {
            try
            {
                MqttClientOptions.FromUri(url, "probe", options.MqttCa);
            }
            catch (ArgumentException ex)
            {
                errors.Add($"--mqtt: {ex.Message}");
            }
        }

        if (options.UsesIotHub) ValidateIotHub(options, errors);
        if (options.MqttCa is { } ca && !File.Exists(ca)) errors.Add($"--mqtt-ca: {ca} does not exist");
        if (options.MqttCa is not null && options.Mqtt is null) errors.Add("--mqtt-ca needs --mqtt");
        if (options.Heartbeat < TimeSpan.FromSeconds(1)) errors.Add($"--heartbeat {options.Heartbeat} must be at least 1 s");
        if (options.AdvertiseAddress is { } address && !System.Net.IPAddress.TryParse(address, out _)) errors.Add($"--advertise-address: '{address}' is not an IP address");
        if (options.DesiredFilePoll <= TimeSpan.Zero) errors.Add($"Agent:DesiredFilePoll {options.DesiredFilePoll} must be positive");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateIotHub(AgentOptions options, List<string> errors)
    {
        if (options.DesiredFile is not null || options.Mqtt is not null)
        {
            errors.Add("give only one of --desired FILE, --mqtt URL and --iothub: a device has one source of desired state");
        }

        if (options.IotHub is not null && options.IotHubHost is not null)
        {
            errors.Add("give either --iothub CONNECTION_STRING or --iothub-host HOST with a certificate, not both");
            return;
        }

        foreach (var (name, file) in new[] { ("--iothub-cert", options.IotHubCertificate), ("--iothub-key", options.IotHubKey), ("--iothub-ca", options.IotHubCa) })
        {
            if (file is not null && !File.Exists(file)) errors.Add($"{name}: {file} does not exist");
        }

        if (errors.Count > 0) return;
        try
        {
            options.IotHubDevice().Validate();
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            errors.Add((options.IotHub is not null ? "--iothub: " : "--iothub-host: ") + ex.Message);
        }
    }
}
