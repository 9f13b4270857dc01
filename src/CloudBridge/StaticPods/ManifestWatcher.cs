using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeWasm.CloudBridge.StaticPods;

/// <summary>
/// Reads the manifests folder at start and again whenever a file in it appears, changes or goes (checked every two
/// seconds by names, sizes and modification times; the kubelet checks its folder every twenty). Problems are logged
/// when they change, each naming its file.
/// </summary>
internal sealed partial class ManifestWatcher(StaticPodStore store, TimeSpan interval, TimeProvider time, ILogger<ManifestWatcher> logger) : BackgroundService
{
    private string? _fingerprint;
    private string _problems = "";

    /// <summary>Reads the folder when it changed since the last look.</summary>
    public void Check()
    {
        var files = ManifestReader.Files(store.Directory);
        var fingerprint = string.Join('\n', files.Select(f => new FileInfo(f)).Select(f => $"{f.Name}/{f.Length}/{f.LastWriteTimeUtc.Ticks}"));
        if (fingerprint == _fingerprint) return;
        _fingerprint = fingerprint;
        var problems = store.Reload();
        var pods = store.All().Count(p => p.Metadata.DeletionTimestamp is null);
        LogRead(logger, store.Directory, files.Count, pods);
        var text = string.Join('\n', problems);
        if (text == _problems) return;
        _problems = text;
        foreach (var problem in problems) LogProblem(logger, problem);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            do
            {
                try
                {
                    Check();
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    LogProblem(logger, $"{store.Directory}: {ex.Message}");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 3720, Level = LogLevel.Information, Message = "Read {Directory}: {Files} manifest files, {Pods} pods")]
    private static partial void LogRead(ILogger logger, string directory, int files, int pods);

    [LoggerMessage(EventId = 3721, Level = LogLevel.Error, Message = "Static pod manifest problem: {Problem}")]
    private static partial void LogProblem(ILogger logger, string problem);
}
