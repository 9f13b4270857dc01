using System.Diagnostics;
using System.Text.Json;

namespace EdgeWasm.Runtime.Tests.Differential;

/// <summary>Runs modules under node's V8 with the same calls <see cref="DifferentialTests"/> makes, as the oracle.</summary>
internal static class V8
{
    // For each module: a "# name" line, then "fN(args) = results" (or "= trap") per argument set and export.
    private const string Harness = """
        const fs = require('fs');
        const manifest = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
        const argumentSets = JSON.parse(process.argv[3]).map(set => set.map(BigInt));
        const lines = [];
        for (const entry of manifest) {
          lines.push('# ' + entry.name);
          const exports = new WebAssembly.Instance(new WebAssembly.Module(fs.readFileSync(entry.path)), {}).exports;
          for (const set of argumentSets) {
            entry.signatures.forEach((parameters, index) => {
              const args = parameters.map((type, i) => type === 'i64' ? set[i % 3] : Number(BigInt.asIntN(32, set[i % 3])));
              let text;
              try {
                const result = exports['f' + index](...args);
                text = (Array.isArray(result) ? result : [result]).map(x => BigInt(x).toString()).join(' ');
              } catch (e) {
                if (!(e instanceof WebAssembly.RuntimeError)) throw e;
                text = 'trap';
              }
              lines.push(`f${index}(${args.join(',')}) = ${text}`);
            });
          }
        }
        process.stdout.write(lines.join('\n') + '\n');
        """;

    public static async Task<string[]> RunAsync(string directory, IReadOnlyList<(string Name, string Path, IReadOnlyList<string[]> Signatures)> modules,
        long[][] argumentSets, CancellationToken cancellationToken)
    {
        var harness = Path.Combine(directory, "harness.js");
        var manifest = Path.Combine(directory, "manifest.json");
        await File.WriteAllTextAsync(harness, Harness, cancellationToken);
        await File.WriteAllTextAsync(manifest, JsonSerializer.Serialize(modules.Select(m => new { name = m.Name, path = m.Path, signatures = m.Signatures })), cancellationToken);
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(harness);
        start.ArgumentList.Add(manifest);
        start.ArgumentList.Add(JsonSerializer.Serialize(argumentSets.Select(set => set.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)))));
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("node is needed as the reference engine (scripts/install-deps.sh installs nodejs)", ex);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            Assert.True(process.ExitCode == 0, $"node failed: {await error}");
            return (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }
    }
}
