using System.Formats.Tar;
using System.IO.Compression;
using EdgeWasm.Benchmarks.Kernels.Runners;

namespace EdgeWasm.Benchmarks.Kernels;

/// <summary>
/// Fetches wizer (which embeds Wasmtime 42 with Cranelift) into artifacts/peers with <c>npm pack</c>, the only way
/// to get a Wasmtime build on this machine, and unpacks it.
/// </summary>
internal static class WizerDownload
{
    /// <summary>The npm package and version; its binary embeds Wasmtime 42.0.1.</summary>
    public const string Package = "@bytecodealliance/wizer-linux-x64@11.0.3";

    /// <summary>Returns the wizer binary under <paramref name="peersDirectory"/>, fetching it first if missing.</summary>
    public static async Task<string> EnsureAsync(string peersDirectory, TextWriter log, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(peersDirectory, "wizer-11.0.3");
        var binary = Path.Combine(directory, "wizer");
        if (File.Exists(binary)) return binary;

        await log.WriteLineAsync($"  npm pack {Package}");
        var download = Path.Combine(peersDirectory, "download");
        Directory.CreateDirectory(download);
        var (exitCode, output) = await ChildProcess.RunToolAsync("npm", ["pack", Package, "--pack-destination", download, "--silent"], download, cancellationToken);
        var archive = Directory.GetFiles(download, "*.tgz").FirstOrDefault();
        if (exitCode != 0 || archive is null) throw new InvalidOperationException($"npm pack {Package} failed:\n{output}");

        Directory.CreateDirectory(directory);
        await using (var file = File.OpenRead(archive))
        await using (var gzip = new GZipStream(file, CompressionMode.Decompress))
        await using (var tar = new TarReader(gzip))
        {
            while (await tar.GetNextEntryAsync(cancellationToken: cancellationToken) is { } entry)
            {
                // The package holds package/wizer, package/index.js and package/package.json; only the binary matters.
                if (entry.EntryType is (TarEntryType.RegularFile or TarEntryType.V7RegularFile) && entry.Name == "package/wizer")
                {
                    await entry.ExtractToFileAsync(binary, overwrite: true, cancellationToken);
                }
            }
        }

        Directory.Delete(download, recursive: true);
        if (!File.Exists(binary)) throw new InvalidOperationException($"{Package} did not contain package/wizer");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(binary, File.GetUnixFileMode(binary) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        return binary;
    }
}
