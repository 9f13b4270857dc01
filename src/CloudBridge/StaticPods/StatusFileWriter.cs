using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeWasm.CloudBridge.StaticPods;

/// <summary>
/// Writes the static pod mode's state to a JSON file whenever it changes (checked every second), atomically (a
/// temporary file renamed over the old), so a reader never sees half a file.
/// </summary>
internal sealed partial class StatusFileWriter(StaticStatus status, string path, TimeProvider time, ILogger<StatusFileWriter> logger) : BackgroundService
{
    // Messages quote image names: keep quotes and non-ASCII readable for people (the file is never embedded in HTML).
    private static readonly JsonSerializerOptions ReadableOptions = new(StaticJsonContext.Default.Options)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly System.Text.Json.Serialization.Metadata.JsonTypeInfo<StatusSnapshot> Readable =
        (System.Text.Json.Serialization.Metadata.JsonTypeInfo<StatusSnapshot>)ReadableOptions.GetTypeInfo(typeof(StatusSnapshot));

    private string? _last;

    /// <summary>Writes the file if the state changed since the last write.</summary>
    public void WriteIfChanged()
    {
        var snapshot = status.Snapshot();
        // The time alone does not make a change.
        var comparable = JsonSerializer.Serialize(snapshot with { At = default }, StaticJsonContext.Default.StatusSnapshot);
        if (comparable == _last) return;
        var temp = path + ".tmp";
        File.WriteAllBytes(temp, JsonSerializer.SerializeToUtf8Bytes(snapshot, Readable));
        File.Move(temp, path, overwrite: true);
        _last = comparable;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        try
        {
            do
            {
                try
                {
                    WriteIfChanged();
                }
                catch (IOException ex)
                {
                    LogFailed(logger, path, ex.Message);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 3710, Level = LogLevel.Warning, Message = "Could not write the status file {Path}: {Error}")]
    private static partial void LogFailed(ILogger logger, string path, string error);
}
