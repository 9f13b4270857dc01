using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime;
using System.Runtime.CompilerServices;
using EdgeWasm.Runtime;
using EdgeWasm.Runtime.Compilation;

namespace EdgeWasm.Benchmarks.Diagnostics;

/// <summary>
/// <c>Benchmarks jit module.wasm [--top N] [--tiered]</c>: loads a module, then has RyuJIT compile each generated
/// function alone and lists the most expensive ones with their wasm size and locals. The engine compiles lazily, so
/// this is the price a guest pays the first time it calls each of them (see the kernels report's JIT column).
/// <c>--tiered</c> loads with <see cref="EngineOptions.WithEagerOptimization"/> off, so the price is RyuJIT's quick
/// tier; it needs <c>DOTNET_TieredCompilation=1</c> in the environment, because this program turns tiering off.
/// </summary>
internal static class JitCostCommand
{
    private const string Usage = "usage: Benchmarks jit module.wasm [--top N] [--tiered]   (--tiered needs DOTNET_TieredCompilation=1)";

    public static int Run(IReadOnlyList<string> args)
    {
        var tiered = args.Contains("--tiered");
        var rest = args.Where(a => a != "--tiered").ToList();
        if (rest.Count is not (1 or 3) || (rest.Count == 3 && rest[1] != "--top")
            || !int.TryParse(rest.Count == 3 ? rest[2] : "25", NumberStyles.None, CultureInfo.InvariantCulture, out var top))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        args = rest;

        if (!File.Exists(args[0]))
        {
            Console.Error.WriteLine($"jit: no such file: {args[0]}");
            return 2;
        }

        using var engine = new Runtime.Engine(new EngineOptions().WithEagerOptimization(!tiered));
        var clock = Stopwatch.StartNew();
        var module = Runtime.Module.FromFile(engine, args[0]);
        var load = clock.Elapsed;
        var info = module.Compiled.Info;
        var costs = new List<(int Index, string Name, int Bytes, int Locals, TimeSpan Time, TimeSpan Cpu)>();
        foreach (var method in module.Compiled.Type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
        {
            if (!CompiledModule.TryParseMethodName(method.Name, out var index)) continue;
            var body = info.Bodies[index - info.ImportedFunctionCount];
            var before = JitInfo.GetCompilationTime(currentThread: true);
            var cpuBefore = ResourceUsage.ThreadCpu();
            RuntimeHelpers.PrepareMethod(method.MethodHandle);
            var cpu = ResourceUsage.ThreadCpu() - cpuBefore;
            var name = info.Names.FunctionNames.TryGetValue((uint)index, out var n) ? n : "";
            costs.Add((index, name, body.CodeLength, body.LocalCount, JitInfo.GetCompilationTime(currentThread: true) - before, cpu));
        }

        var total = costs.Aggregate(TimeSpan.Zero, (sum, c) => sum + c.Time);
        var totalCpu = costs.Aggregate(TimeSpan.Zero, (sum, c) => sum + c.Cpu);
        var bytes = costs.Sum(c => (long)c.Bytes);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Path.GetFileName(args[0])} ({(tiered ? "tiered" : "eager full optimization")}): {costs.Count} functions, {bytes} bytes of wasm code; load (decode, validate, emit IL) {load.TotalMilliseconds:F1} ms; RyuJIT all {total.TotalMilliseconds:F1} ms wall, {totalCpu.TotalMilliseconds:F1} ms CPU ({bytes / 1024.0 / totalCpu.TotalSeconds:F0} KiB of wasm per CPU second)"));
        Console.WriteLine(" wall ms  cpu ms  share   bytes  locals  function");
        foreach (var c in costs.OrderByDescending(c => c.Time).Take(top))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{c.Time.TotalMilliseconds,8:F1} {c.Cpu.TotalMilliseconds,7:F1} {c.Time / total,6:P1} {c.Bytes,7} {c.Locals,7}  f{c.Index} {c.Name}"));
        }

        return 0;
    }
}
