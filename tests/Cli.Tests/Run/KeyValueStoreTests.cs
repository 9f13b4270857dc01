using System.Globalization;
using System.Text;
using EdgeWasm.TestSupport;

namespace EdgeWasm.Cli.Tests.Run;

/// <summary>
/// kvstore, the fixture of some size (CRC-checked append-only log, hash index, compaction by fsync + rename, torn-tail
/// recovery), run session after session as <c>edgewasm run --dir</c> and natively: identical stdout, exit codes and
/// data files after every session.
/// </summary>
public sealed class KeyValueStoreTests : IDisposable
{
    private readonly TempDirectory _wasm = new("edgewasm-cli-kv-wasm");
    private readonly TempDirectory _native = new("edgewasm-cli-kv-native");

    [Fact]
    public async Task SessionsUnderEdgewasmRun_MatchNative_OutputAndDataFiles()
    {
        var sessions = new[]
        {
            Commands(seed: 7, count: 1200) + "stats\n",
            Commands(seed: 8, count: 600) + "compact\nstats\nscan sensor:0\n",
            Commands(seed: 9, count: 300) + "count\n",
        };

        foreach (var commands in sessions) await BothAsync(commands);

        // A crash mid-append: both logs lose their last bytes, and the next session must recover the same way.
        foreach (var directory in new[] { _wasm, _native })
        {
            using var log = new FileStream(directory.Combine("data.log"), FileMode.Open);
            log.SetLength(log.Length - 5);
        }

        var recovered = await BothAsync("count\nscan\nstats\n");
        Assert.Contains(", cut ", recovered, StringComparison.Ordinal);
    }

    private async Task<string> BothAsync(string commands)
    {
        var wasm = await CliProcess.RunAsync(["run", "--dir", $"{_wasm.Path}::/store", Fixtures.Wasm("kvstore"), "/store"], commands, environment: null, CancellationToken.None);
        var native = await CliProcess.RunNativeAsync("kvstore", [_native.Path], commands, environment: null, CancellationToken.None);

        Assert.Equal(0, native.ExitCode);
        Assert.Equal(native, wasm);
        var names = FileNames(_native);
        Assert.Equal(names, FileNames(_wasm));
        foreach (var name in names) Assert.Equal(File.ReadAllBytes(_native.Combine(name)), File.ReadAllBytes(_wasm.Combine(name)));
        return wasm.Output;
    }

    private static string[] FileNames(TempDirectory directory) =>
        [.. Directory.GetFiles(directory.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    // Sensor readings put, read back, overwritten and deleted over a few dozen devices; values up to ~300 bytes.
    private static string Commands(int seed, int count)
    {
        var random = new Random(seed);
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var key = string.Create(CultureInfo.InvariantCulture, $"sensor:{random.Next(40):D2}/{random.Next(8)}");
            var roll = random.Next(20);
            if (roll < 11)
            {
                var reading = string.Create(CultureInfo.InvariantCulture, $"t={random.Next(-400, 900) / 10.0:0.0} rh={random.Next(100)}% ");
                text.Append("put ").Append(key).Append(' ').Append(string.Concat(Enumerable.Repeat(reading, random.Next(1, 20)))).Append('\n');
            }
            else if (roll < 16) text.Append("get ").Append(key).Append('\n');
            else if (roll < 18) text.Append("del ").Append(key).Append('\n');
            else if (roll == 18) text.Append("scan sensor:").Append(random.Next(4)).Append('\n');
            else text.Append("# a comment line\n\ncount\n");
        }

        return text.ToString();
    }

    public void Dispose()
    {
        _wasm.Dispose();
        _native.Dispose();
    }
}
