using System.Globalization;
using System.Text;
using EdgeWasm.Benchmarks.Kernels.Runners;

namespace EdgeWasm.Benchmarks.Kernels;

/// <summary>
/// Turns the samples into markdown: medians per kernel and runner, the ratios that matter with geometric means
/// (all kernels, compute kernels, WASI kernels), for CPU time and for wall time, our engine's load, JIT and
/// per-instruction figures, and the failures. Also the raw samples as CSV.
/// </summary>
internal sealed class KernelReport(
    IReadOnlyList<Kernel> kernels,
    IReadOnlyList<IKernelRunner> runners,
    IReadOnlyList<Sample> samples,
    MachineInfo machine,
    string loadBefore,
    string loadAfter,
    int rounds)
{
    private const string Ours = "edgewasm";
    private const string OursFuel = "edgewasm+fuel";
    private const string OursWarm = "edgewasm-warm";

    // (column, numerator runner, denominator runner)
    private static readonly (string Label, string Numerator, string Denominator)[] Ratios =
    [
        ("ours/native", Ours, "native"),
        ("ours/v8", Ours, "v8"),
        ("ours/v8-turbofan", Ours, "v8-turbofan"),
        ("v8/native", "v8", "native"),
        ("v8-turbofan/native", "v8-turbofan", "native"),
        ("wasmtime/native", "wasmtime", "native"),
        ("fuel cost (ours+fuel/ours)", OursFuel, Ours),
        ("ours warm/native", OursWarm, "native"),
        ("ours warm/wasmtime", OursWarm, "wasmtime"),
    ];

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>True when every run produced the native output and exit code.</summary>
    public bool AllPassed => samples.All(s => s.Failure is null);

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        md.AppendLine("# Kernel benchmarks: EdgeWasm against V8, Wasmtime and native").AppendLine();
        md.AppendLine(Invariant, $"- machine: {machine.Cpu}, {machine.Cores} cores, {machine.Os}");
        md.AppendLine(Invariant, $"- load average (1/5/15 min): {loadBefore} before, {loadAfter} after");
        md.AppendLine(Invariant, $"- {machine.DotNet}; node {machine.Node}; {machine.Clang}; {machine.Wizer}");
        md.AppendLine(Invariant, $"- {rounds} rounds; each round runs every kernel under every runner in a rotating order; tables show medians");
        md.AppendLine("- every run's stdout (SHA-256 of all of it) and exit code were checked against the native run's").AppendLine();

        Section(md, "CPU time (user + system, all threads)", r => r.Cpu, r => r.LoadCpu);
        Section(md, "Wall time", r => r.Wall, r => r.LoadWall);
        Engine(md);

        md.AppendLine("## What each runner's time covers").AppendLine();
        foreach (var runner in runners) md.AppendLine(Invariant, $"- **{runner.Name}**: {runner.Measures}");
        md.AppendLine();

        var failures = samples.Where(s => s.Failure is not null).ToList();
        if (failures.Count > 0)
        {
            md.AppendLine("## Failures (not counted in the tables)").AppendLine();
            foreach (var f in failures) md.AppendLine(Invariant, $"- round {f.Round}, {f.Kernel.Name} under {f.Runner}: {f.Failure}");
            md.AppendLine();
        }

        return md.ToString();
    }

    public string ToCsv()
    {
        var csv = new StringBuilder("round,kernel,group,runner,wall_ms,cpu_ms,load_wall_ms,load_cpu_ms,jit_ms,jit_methods,fuel,ok\n");
        foreach (var s in samples)
        {
            var r = s.Result;
            csv.AppendLine(Invariant, $"{s.Round},{s.Kernel.Name},{s.Kernel.Group},{s.Runner},{r.Wall.TotalMilliseconds:F3},{r.Cpu.TotalMilliseconds:F3},{r.LoadWall?.TotalMilliseconds:F3},{r.LoadCpu?.TotalMilliseconds:F3},{r.Jit?.TotalMilliseconds:F3},{r.JitMethods},{r.Fuel},{(s.Failure is null ? 1 : 0)}");
        }

        return csv.ToString();
    }

    private void Section(StringBuilder md, string title, Func<RunResult, TimeSpan> metric, Func<RunResult, TimeSpan?> load)
    {
        var names = runners.Select(r => r.Name).ToList();
        var hasLoad = names.Contains(Ours);
        md.AppendLine(Invariant, $"## {title}: median ms").AppendLine();
        var header = names.ToList();
        if (hasLoad) header.Insert(names.IndexOf(Ours), "edgewasm load");
        // (the warm runner loads each module once, in its warm-up run, so it has no load column)
        Row(md, ["kernel", .. header]);
        Row(md, ["---", .. header.Select(_ => "---:")]);
        foreach (var kernel in kernels)
        {
            var cells = names.Select(n => Milliseconds(Median(kernel, n, r => metric(r)))).ToList();
            if (hasLoad) cells.Insert(names.IndexOf(Ours), Milliseconds(Median(kernel, Ours, load)));
            Row(md, [kernel.Name, .. cells]);
        }

        md.AppendLine();
        var ratios = Ratios.Where(r => names.Contains(r.Numerator) && names.Contains(r.Denominator)).ToList();
        if (ratios.Count == 0) return;
        md.AppendLine(Invariant, $"## {title}: ratios (lower is faster for the first named)").AppendLine();
        Row(md, ["kernel", .. ratios.Select(r => r.Label)]);
        Row(md, ["---", .. ratios.Select(_ => "---:")]);
        var values = kernels.ToDictionary(k => k, k => ratios.Select(r => Ratio(k, r.Numerator, r.Denominator, metric)).ToList());
        foreach (var kernel in kernels) Row(md, [kernel.Name, .. values[kernel].Select(Times)]);
        foreach (var group in GeometricMeanGroups())
        {
            var members = kernels.Where(k => group.Members(k)).ToList();
            Row(md, [$"**geomean {group.Name}** ({members.Count})", .. ratios.Select((_, i) => Times(Statistics.GeometricMean(members.Select(k => values[k][i]).OfType<double>())))]);
        }

        md.AppendLine();
    }

    // Where a run of our engine goes: module load, the JIT inside the run, and speed per executed wasm instruction.
    private void Engine(StringBuilder md)
    {
        if (!samples.Any(s => s.Runner is Ours or OursFuel or OursWarm)) return;
        md.AppendLine("## Our engine per run: load, JIT, and time per executed wasm instruction (medians)").AppendLine();
        md.AppendLine("Load is Module.FromBytes (decode, validate, emit IL; CPU). Run is instantiate + _start (CPU); JIT is the part of");
        md.AppendLine("the run RyuJIT spent compiling (JitInfo, wall clock, so an upper bound on a loaded machine). Run warm is the same");
        md.AppendLine("module run again in a fresh store, its code already compiled (CPU). Instructions are");
        md.AppendLine("the fuel consumed with fuel on (1 per executed wasm instruction); ns/instr divides each runner's median CPU time");
        md.AppendLine("by that count (for native, by the count of the same program's wasm build).").AppendLine();
        Row(md, ["kernel", "load ms", "run ms", "JIT ms", "methods JIT-compiled", "run ms warm", "instructions (fuel)", "ns/instr ours", "ns/instr ours+fuel", "ns/instr ours warm", "ns/instr native"]);
        Row(md, ["---", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:"]);
        foreach (var kernel in kernels)
        {
            var fuel = samples.Where(s => s.Kernel == kernel && s.Failure is null && s.Result.Fuel is not null).Select(s => (double)s.Result.Fuel!.Value).FirstOrDefault();
            var methods = Statistics.Median(samples.Where(s => s.Kernel == kernel && s.Runner == Ours && s.Failure is null && s.Result.JitMethods is not null).Select(s => (double)s.Result.JitMethods!.Value));
            string PerInstruction(string runner) => fuel > 0 && Median(kernel, runner, r => r.Cpu) is { } ms ? (ms * 1e6 / fuel).ToString("F2", Invariant) : "–";
            Row(md,
            [
                kernel.Name,
                Milliseconds(Median(kernel, Ours, r => r.LoadCpu)),
                Milliseconds(Median(kernel, Ours, r => r.Cpu)),
                Milliseconds(Median(kernel, Ours, r => r.Jit)),
                methods is { } m ? m.ToString("F0", Invariant) : "–",
                Milliseconds(Median(kernel, OursWarm, r => r.Cpu)),
                fuel > 0 ? fuel.ToString("N0", Invariant) : "–",
                PerInstruction(Ours),
                PerInstruction(OursFuel),
                PerInstruction(OursWarm),
                PerInstruction("native"),
            ]);
        }

        md.AppendLine();
    }

    private IEnumerable<(string Name, Func<Kernel, bool> Members)> GeometricMeanGroups()
    {
        yield return ("all", _ => true);
        var groups = kernels.Select(k => k.Group).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (groups.Count < 2) yield break;
        foreach (var group in groups) yield return (group, k => k.Group == group);
    }

    // A runner with any failed run for a kernel gets no median: a wrong answer is not a time.
    private double? Median(Kernel kernel, string runner, Func<RunResult, TimeSpan?> metric)
    {
        var runs = samples.Where(s => s.Kernel == kernel && s.Runner == runner).ToList();
        if (runs.Count == 0 || runs.Any(s => s.Failure is not null)) return null;
        return Statistics.Median(runs.Select(s => metric(s.Result)).OfType<TimeSpan>().Select(t => t.TotalMilliseconds));
    }

    private double? Ratio(Kernel kernel, string numerator, string denominator, Func<RunResult, TimeSpan> metric) =>
        Median(kernel, numerator, r => metric(r)) is { } n && Median(kernel, denominator, r => metric(r)) is { } d && n > 0 && d > 0 ? n / d : null;

    private static string Milliseconds(double? ms) => ms switch
    {
        null => "FAIL/–",
        >= 100 => ms.Value.ToString("F0", Invariant),
        _ => ms.Value.ToString("F1", Invariant),
    };

    private static string Times(double? ratio) => ratio is { } r ? r.ToString("F2", Invariant) + "×" : "–";

    private static void Row(StringBuilder md, IEnumerable<string> cells) => md.Append("| ").AppendJoin(" | ", cells).AppendLine(" |");
}
