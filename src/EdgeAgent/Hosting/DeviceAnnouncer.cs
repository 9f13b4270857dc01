using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json;
using EdgeWasm.EdgeAgent.Store;
using EdgeWasm.Protocol.Documents;
using EdgeWasm.Protocol.Profiles;
using EdgeWasm.Protocol.Topics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeWasm.EdgeAgent.Hosting;

/// <summary>
/// Runs first at start: refuses a store that belongs to another device, records the device's facts in the store's
/// metadata, and reports its <see cref="DeviceInfo"/> through the outbox whenever it changed (the bridge turns it into
/// the node's capacity and labels).
/// </summary>
internal sealed class DeviceAnnouncer(AgentStore store, HardwareProfile profile, IOptions<AgentOptions> options, ILogger<DeviceAnnouncer> logger) : IHostedService
{
    /// <summary>The agent's version, from its assembly.</summary>
    public static string AgentVersion { get; } =
        typeof(DeviceAnnouncer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var deviceId = options.Value.DeviceId;
        var owner = await store.Metadata.GetAsync(MetadataKeys.DeviceId, cancellationToken).ConfigureAwait(false);
        if (owner is not null && owner != deviceId)
        {
            throw new InvalidOperationException($"the store {store.Path} belongs to device '{owner}', not '{deviceId}'; give each device its own --data folder");
        }

        await store.Metadata.SetAsync(MetadataKeys.DeviceId, deviceId, cancellationToken).ConfigureAwait(false);
        await store.Metadata.SetAsync(MetadataKeys.Profile, profile.Name, cancellationToken).ConfigureAwait(false);
        await store.Metadata.SetAsync(MetadataKeys.AgentVersion, AgentVersion, cancellationToken).ConfigureAwait(false);

        var info = new DeviceInfo
        {
            Arch = profile.Arch,
            Profile = profile.Name,
            Capacity = profile.Allocatable,
            AgentVersion = AgentVersion,
            OperatingSystem = RuntimeInformation.OSDescription,
            Addresses = DeviceAddresses.Advertised(options.Value.AdvertiseAddress),
        };
        var json = JsonSerializer.Serialize(info, TopicJsonContext.Default.DeviceInfo);
        if (await store.Metadata.GetAsync(MetadataKeys.DeviceInfo, cancellationToken).ConfigureAwait(false) == json) return;
        await store.Outbox.AppendAsync(OutboxKind.DeviceInfo, null, json, cancellationToken).ConfigureAwait(false);
        await store.Metadata.SetAsync(MetadataKeys.DeviceInfo, json, cancellationToken).ConfigureAwait(false);
        AgentLog.DeviceAnnounced(logger, info.Arch, info.Capacity.CpuMillis, info.Capacity.MemoryBytes, info.Capacity.Pods);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
