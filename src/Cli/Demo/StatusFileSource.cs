using System.Text.Json;
using EdgeWasm.CloudBridge.StaticPods;

namespace EdgeWasm.Cli.Demo;

/// <summary>The static pod bridge's status file (docs/bridge.md), which it replaces atomically within a second of a change.</summary>
internal sealed class StatusFileSource(string path) : IStatusSource
{
    /// <inheritdoc />
    public async Task<StatusSnapshot?> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = File.OpenRead(path);
            return await JsonSerializer.DeserializeAsync(stream, StaticJsonContext.Default.StatusSnapshot, cancellationToken);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }
}
