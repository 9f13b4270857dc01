using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using EdgeWasm.TestSupport;

namespace EdgeWasm.Runtime.Tests.Spec;

/// <summary>Collects each script's result and, once all have run, writes the table to artifacts/spec-summary.txt.</summary>
public sealed class SpecSummary : IDisposable
{
    private readonly ConcurrentDictionary<string, SpecFileResult> _results = new();

    public SpecSummary() => Engine = new Engine();

    /// <summary>One engine for the whole suite (each script gets its own store).</summary>
    public Engine Engine { get; }

    public void Add(SpecFileResult result) => _results[result.Name] = result;

    public void Dispose()
    {
        Engine.Dispose();
        if (_results.IsEmpty) return;
        var text = new StringBuilder();
        text.AppendLine("WebAssembly spec suite (core, non-SIMD): commands per script");
        text.AppendLine(CultureInfo.InvariantCulture, $"{"script",-32} {"total",7} {"passed",7} {"failed",7} {"skipped",7}");
        foreach (var result in _results.Values.OrderBy(r => r.Name, StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{result.Name,-32} {result.Total,7} {result.Passed,7} {result.Failed,7} {result.Skipped,7}");
        }

        var all = _results.Values;
        text.AppendLine(CultureInfo.InvariantCulture, $"{"TOTAL (" + all.Count + " scripts)",-32} {all.Sum(r => r.Total),7} {all.Sum(r => r.Passed),7} {all.Sum(r => r.Failed),7} {all.Sum(r => r.Skipped),7}");
        text.AppendLine("skipped: text-format assert_malformed only (see tests/Runtime.Tests/Spec/SpecSkips.cs)");
        var artifacts = Path.Combine(Fixtures.RepoRoot, "artifacts");
        Directory.CreateDirectory(artifacts);
        File.WriteAllText(Path.Combine(artifacts, "spec-summary.txt"), text.ToString());
    }
}
