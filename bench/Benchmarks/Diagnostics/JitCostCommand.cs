using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using EdgeWasm.Runtime;
using EdgeWasm.Runtime.Compilation;

namespace EdgeWasm.Benchmarks.Diagnostics;

/// <summary>
/// <c>Benchmarks jit module.wasm [--top N] [--fuel] [--tiered]</c>: loads a module, then has RyuJIT compile each
/// generated function alone and lists the most expensive ones with their wasm size, locals, IL size and the
/// optimization level RyuJIT chose. The engine compiles lazily, so this is the price a guest pays the first time it
/// calls each of them (see the kernels report's JIT column). <c>--fuel</c> loads with fuel metering on.
/// <c>--tiered</c> loads with <see cref="EngineOptions.WithEagerOptimization"/> off.
/// <para>RyuJIT reports its choice (FullOpts, or MinOpts when a method exceeds its limits) only through
/// <c>DOTNET_JitDisasmSummary</c>, which must be set before the runtime starts, so the command runs itself again as a
/// child process with it set and reads the summary back.</para>
/// </summary>
internal static partial class JitCostCommand
{
    private const string Usage = "usage: Benchmarks jit module.wasm [--top N] [--fuel] [--tiered]";
    private const string SummaryVariable = "DOTNET_JitStdOutFile";

    public static int Run(IReadOnlyList<string> args)
    {
        var tiered = args.Contains("--tiered");
        var fuel = args.Contains("--fuel");
        var rest = args.Where(a => a is not ("--tiered" or "--fuel")).ToList();
        if (rest.Count is not (1 or 3) || (rest.Count == 3 && rest[1] != "--top")
            || !int.TryParse(rest.Count == 3 ? rest[2] : "25", NumberStyles.None, CultureInfo.InvariantCulture, out var top))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        if (!File.Exists(rest[0]))
        {
            Console.Error.WriteLine($"jit: no such file: {rest[0]}");
            return 2;
        }

        var summary = Environment.GetEnvironmentVariable(SummaryVariable);
        return summary is null ? RunAsChild(args) : Measure(rest[0], top, fuel, tiered, summary);
    }

    private static int RunAsChild(IReadOnlyList<string> args)
    {
        var summary = Path.GetTempFileName();
        try
        {
            var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
            start.ArgumentList.Add(typeof(JitCostCommand).Assembly.Location);
            start.ArgumentList.Add("jit");
            foreach (var arg in args) start.ArgumentList.Add(arg);
            start.Environment["DOTNET_JitDisasmSummary"] = "1";
            start.Environment[SummaryVariable] = summary;
            using var child = Process.Start(start)!;
            child.WaitForExit();
            return child.ExitCode;
        }
        finally
        {
            File.Delete(summary);
        }
    }

    private static int Measure(string path, int top, bool fuel, bool tiered, string summary)
    {
        using var engine = new Runtime.Engine(new EngineOptions().WithEagerOptimization(!tiered).WithFuel(fuel));
        var clock = Stopwatch.StartNew();
        var module = Runtime.Module.FromFile(engine, path);
        var load = clock.Elapsed;
        var info = module.Compiled.Info;
        var costs = new List<Cost>();
        foreach (var method in module.Compiled.Type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
        {
            if (!CompiledModule.TryParseMethodName(method.Name, out var index)) continue;
            var body = info.Bodies[index - info.ImportedFunctionCount];
            var shape = IlShape.Of(method);
            var before = JitInfo.GetCompilationTime(currentThread: true);
            var cpuBefore = ResourceUsage.ThreadCpu();
            RuntimeHelpers.PrepareMethod(method.MethodHandle);
            var cpu = ResourceUsage.ThreadCpu() - cpuBefore;
            var name = info.Names.FunctionNames.TryGetValue((uint)index, out var n) ? n : "";
            costs.Add(new Cost(index, name, body.CodeLength, body.LocalCount, shape, JitInfo.GetCompilationTime(currentThread: true) - before, cpu));
        }

        var tiers = ReadTiers(summary);
        var total = costs.Aggregate(TimeSpan.Zero, (sum, c) => sum + c.Time);
        var totalCpu = costs.Aggregate(TimeSpan.Zero, (sum, c) => sum + c.Cpu);
        var bytes = costs.Sum(c => (long)c.Bytes);
        var mode = (tiered ? "tiered" : "eager full optimization") + (fuel ? ", fuel on" : "");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Path.GetFileName(path)} ({mode}): {costs.Count} functions, {bytes} bytes of wasm code, {costs.Sum(c => (long)(c.Il?.Bytes ?? 0))} bytes of IL; load (decode, validate, emit IL) {load.TotalMilliseconds:F1} ms; RyuJIT all {total.TotalMilliseconds:F1} ms wall, {totalCpu.TotalMilliseconds:F1} ms CPU ({bytes / 1024.0 / totalCpu.TotalSeconds:F0} KiB of wasm per CPU second)"));
        var minOpts = costs.Where(c => tiers.TryGetValue(c.Index, out var t) && t.Contains("MinOpts", StringComparison.Ordinal)).ToList();
        Console.WriteLine(minOpts.Count == 0
            ? "RyuJIT optimized every function (no MinOpts fallback)"
            : $"RyuJIT fell back to MinOpts (no optimization) for {minOpts.Count}: {string.Join(", ", minOpts.Select(c => $"f{c.Index} {c.Name}"))}");
        Console.WriteLine("RyuJIT's MinOpts limits per method: IL 60000 bytes, 20000 instructions, 2000 blocks, 2000 locals, 8000 local references");
        Console.WriteLine(" wall ms  cpu ms  share   bytes  locals | IL bytes  instrs  blocks  locals    refs | tier      function");
        foreach (var c in costs.OrderByDescending(c => c.Time).Take(top))
        {
            var tier = tiers.TryGetValue(c.Index, out var t) ? t : "?";
            var il = c.Il ?? new IlShape(0, 0, 0, 0, 0);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{c.Time.TotalMilliseconds,8:F1} {c.Cpu.TotalMilliseconds,7:F1} {c.Time / total,6:P1} {c.Bytes,7} {c.Locals,7} | {il.Bytes,8} {il.Instructions,7} {il.Blocks,7} {il.Locals,7} {il.LocalReferences,7} | {Short(tier),-8}  f{c.Index} {c.Name}"));
        }

        return 0;
    }

    /// <summary>Function index → RyuJIT's tier from lines like <c>JIT compiled WasmModule:f48(...) [FullOpts, IL size=…]</c>.</summary>
    private static Dictionary<int, string> ReadTiers(string summary)
    {
        var tiers = new Dictionary<int, string>();
        if (!File.Exists(summary)) return tiers;
        using var stream = new FileStream(summary, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            var match = SummaryLine().Match(line);
            if (match.Success) tiers[int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)] = match.Groups[2].Value;
        }

        return tiers;
    }

    [GeneratedRegex(@"WasmModule:f(\d+)\(.*\) \[([^,\]]+)")]
    private static partial Regex SummaryLine();

    private static string Short(string tier) => tier.Contains("MinOpts", StringComparison.Ordinal) ? "MinOpts" : tier;

    private sealed record Cost(int Index, string Name, int Bytes, int Locals, IlShape? Il, TimeSpan Time, TimeSpan Cpu);
}
