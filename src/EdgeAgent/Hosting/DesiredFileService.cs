using System.Text.Json;
using EdgeWasm.EdgeAgent.Store;
using EdgeWasm.EdgeAgent.Supervision;
using EdgeWasm.EdgeAgent.Supervision.Loops;
using EdgeWasm.Protocol.Documents;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeWasm.EdgeAgent.Hosting;

/// <summary>
/// <c>--desired FILE</c>: the desired state comes from a file instead of MQTT. The file is read at start and again
/// whenever it changes (file system notifications, and a poll in case one is missed); a valid document newer than the
/// applied one is stored and applied, anything else is logged and changes nothing.
/// </summary>
internal sealed class DesiredFileService(AgentStore store, SupervisorSignals signals, IOptions<AgentOptions> options, TimeProvider time, ILogger<DesiredFileService> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var path = Path.GetFullPath(settings.DesiredFile!);
        var changed = new Signal();
        using var watcher = new FileSystemWatcher(Path.GetDirectoryName(path)!, Path.GetFileName(path))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.CreationTime,
        };
        watcher.Changed += (_, _) => changed.Notify();
        watcher.Created += (_, _) => changed.Notify();
        watcher.Renamed += (_, _) => changed.Notify();
        watcher.EnableRaisingEvents = true;

        (DateTime, long)? seen = null;
        var missingReported = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            var file = new FileInfo(path);
            if (!file.Exists)
            {
                if (!missingReported) AgentLog.DesiredFileMissing(logger, path);
                missingReported = true;
                seen = null;
            }
            else if (seen != (file.LastWriteTimeUtc, file.Length))
            {
                seen = (file.LastWriteTimeUtc, file.Length);
                missingReported = false;
                await LoadAsync(path, settings.DeviceId, stoppingToken).ConfigureAwait(false);
            }

            await changed.WaitAsync(settings.DesiredFilePoll, time, stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task LoadAsync(string path, string deviceId, CancellationToken cancellationToken)
    {
        DesiredState? desired;
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            desired = await JsonSerializer.DeserializeAsync(stream, ProtocolJsonContext.Default.DesiredState, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or InvalidOperationException or FormatException or NotSupportedException)
        {
            // A half-written file fails here too; its next write brings another notification.
            AgentLog.DesiredFileRefused(logger, path, ex.Message);
            return;
        }

        var errors = desired is null ? ["the file holds the JSON literal null"] : DesiredStateValidator.Validate(desired, deviceId);
        if (errors.Count > 0)
        {
            AgentLog.DesiredFileRefused(logger, path, string.Join("; ", errors));
            return;
        }

        if (await store.Desired.SaveAsync(desired!, cancellationToken).ConfigureAwait(false))
        {
            AgentLog.DesiredFileStored(logger, desired!.Version, path);
            signals.Apply.Notify();
        }
        else
        {
            AgentLog.DesiredFileNotNewer(logger, desired!.Version, path);
        }
    }
}
