using EdgeWasm.EdgeAgent.Store;
using EdgeWasm.EdgeAgent.Supervision.Loops;
using EdgeWasm.EdgeAgent.Sync;
using EdgeWasm.EdgeAgent.Sync.IotHub;
using EdgeWasm.Protocol.IotHub;
using EdgeWasm.Protocol.Mqtt;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgeWasm.EdgeAgent.Hosting;

/// <summary>
/// Registers where desired state comes from: the MQTT link or the IoT Hub link (which also report the outbox, heartbeats
/// and logs), a file, or nothing (the store's last applied document keeps running).
/// </summary>
internal static class DesiredSourceRegistration
{
    /// <summary>Registers the source <paramref name="options"/> names.</summary>
    public static IServiceCollection AddDesiredSource(this IServiceCollection services, AgentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Mqtt is { } url)
        {
            services.AddSingleton<ICloudLink>(provider => new MqttCloudLink(
                new MqttSyncOptions
                {
                    DeviceId = options.DeviceId,
                    Mqtt = MqttClientOptions.FromUri(url, options.DeviceId, options.MqttCa),
                    AgentVersion = DeviceAnnouncer.AgentVersion,
                    HeartbeatInterval = options.Heartbeat,
                },
                provider.GetRequiredService<AgentStore>(),
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILogger<MqttCloudLink>>()));
            services.AddHostedService<CloudSyncService>();
            services.AddHostedService<CloudDesiredPump>();
        }
        else if (options.UsesIotHub)
        {
            services.AddSingleton<ICloudLink>(provider => new IotHubCloudLink(
                new IotHubSyncOptions
                {
                    Device = options.IotHubDevice(),
                    AgentVersion = DeviceAnnouncer.AgentVersion,
                    HeartbeatInterval = options.IotHubHeartbeat,
                },
                provider.GetRequiredService<AgentStore>(),
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILogger<IotHubCloudLink>>(),
                new SupervisorWorkloadControl(provider.GetRequiredService<PlanExecutor>())));
            services.AddHostedService<CloudSyncService>();
            services.AddHostedService<CloudDesiredPump>();
        }
        else if (options.DesiredFile is not null)
        {
            services.AddHostedService<DesiredFileService>();
        }

        return services;
    }

    /// <summary>How the startup message names the source.</summary>
    public static string Describe(AgentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Mqtt is not null ? "MQTT " + RedactPassword(options.Mqtt)
            : options.IotHub is { } connection ? "IoT Hub " + IotHubConnectionString.ParseDevice(connection)
            : options.IotHubHost is { } host ? $"IoT Hub {host} with the certificate {options.IotHubCertificate}"
            : options.DesiredFile is { } file ? "the file " + file
            : "the store only";
    }

    private static string RedactPassword(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.UserInfo.Contains(':', StringComparison.Ordinal)
            ? url.Replace(uri.UserInfo, uri.UserInfo.Split(':')[0] + ":***", StringComparison.Ordinal)
            : url;
}
