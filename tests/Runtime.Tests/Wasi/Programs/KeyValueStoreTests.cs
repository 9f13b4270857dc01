using System.Text;
using EdgeWasm.TestSupport;

namespace EdgeWasm.Runtime.Tests.Wasi.Programs;

/// <summary>
/// The "real program": kvstore, a file-backed key-value store (append-only CRC-checked log, hash index, pread,
/// compaction by fsync + rename, torn-tail recovery), driven through stdin. Three sessions against the same
/// directory must produce byte-identical output and byte-identical data files natively and under the engine.
/// </summary>
public sealed class KeyValueStoreTests : IDisposable
{
    private readonly TempDirectory _wasmDirectory = new("edgewasm-kv-wasm");
    private readonly TempDirectory _nativeDirectory = new("edgewasm-kv-native");

    [Fact]
    public async Task ThreeSessionsWithCompactionAndATornTail_MatchNativeByteForByte()
    {
        var random = new Random(2026);
        var first = Workload(random, 1500) + "stats\ncompact\nstats\n";
        var second = Workload(random, 800) + "scan order:\nstats\n";
        const string third = "count\nscan\nstats\n";

        var firstRun = await BothAsync(first);
        Assert.Contains("compacted ", firstRun, StringComparison.Ordinal);
        await BothAsync(second);

        // A crash in the middle of an append: the last record is cut short in both copies.
        foreach (var directory in new[] { _wasmDirectory, _nativeDirectory })
        {
            using var log = new FileStream(directory.Combine("data.log"), FileMode.Open);
            log.SetLength(log.Length - 7);
        }

        var thirdRun = await BothAsync(third);
        Assert.Contains("cut ", thirdRun, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(_nativeDirectory.Combine("data.log")), File.ReadAllBytes(_wasmDirectory.Combine("data.log")));
    }

    private async Task<string> BothAsync(string commands)
    {
        var wasm = new WasmProgram("kvstore")
        {
            Arguments = { "/db" },
            Stdin = commands,
            Configure = c => c.WithPreopenedDirectory(_wasmDirectory.Path, "/db"),
        }.Run();
        var native = await new NativeProgram("kvstore") { Arguments = { _nativeDirectory.Path }, Stdin = commands }.RunAsync(CancellationToken.None);
        NativeComparisonTests.AssertSame(native, wasm);
        Assert.Equal(0, wasm.ExitCode);
        return wasm.Stdout;
    }

    // A deterministic mix of commands over a few hundred keys, values of up to 200 bytes.
    private static string Workload(Random random, int count)
    {
        string[] words = ["alpha", "beta", "gamma", "delta", "edge", "wasm", "sensor", "reading", "42", "ünïcødé"];
        string[] prefixes = ["user:", "order:", "device:"];
        var script = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var key = prefixes[random.Next(prefixes.Length)] + random.Next(300).ToString("D3", System.Globalization.CultureInfo.InvariantCulture);
            switch (random.Next(10))
            {
                case < 5:
                    var value = string.Join(' ', Enumerable.Range(0, random.Next(1, 25)).Select(_ => words[random.Next(words.Length)]));
                    script.Append("put ").Append(key).Append(' ').Append(value).Append('\n');
                    break;
                case < 8:
                    script.Append("get ").Append(key).Append('\n');
                    break;
                case 8:
                    script.Append("del ").Append(key).Append('\n');
                    break;
                default:
                    script.Append(random.Next(2) == 0 ? "count\n" : $"scan {prefixes[random.Next(prefixes.Length)]}1\n");
                    break;
            }
        }

        return script.ToString();
    }

    public void Dispose()
    {
        _wasmDirectory.Dispose();
        _nativeDirectory.Dispose();
    }
}
