using System.Globalization;
using EdgeWasm.Benchmarks.Kernels.Runners;

namespace EdgeWasm.Benchmarks.Kernels;

/// <summary>
/// <c>Benchmarks kernels</c>: builds bench/kernels, fetches wizer, runs every kernel under every runner for a
/// number of rounds (rotating the order each time, checking every output against native), and writes
/// artifacts/bench/kernels.md and kernels.csv. See docs/benchmarks.md for the method.
/// </summary>
internal static class KernelsCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        KernelsOptions options;
        try
        {
            options = KernelsOptions.Parse(args);
        }
        catch (ArgumentException error)
        {
            await Console.Error.WriteLineAsync($"kernels: {error.Message}\n{KernelsOptions.Usage}");
            return 2;
        }

        var log = Console.Out;
        var root = Repository.Root();
        var artifacts = Path.Combine(root, "artifacts");
        var output = Path.GetFullPath(options.Output ?? Path.Combine(artifacts, "bench", "kernels.md"));
        var loadBefore = MachineInfo.LoadAverage();
        await log.WriteLineAsync($"kernels: load average {loadBefore}; building kernels into {Path.Combine(artifacts, "bench")}");
        IReadOnlyList<Kernel> kernels;
        try
        {
            kernels = await KernelBuilder.BuildAsync(Path.Combine(root, "bench", "kernels"), Path.Combine(artifacts, "bench"), options.Only, log, cancellationToken);
        }
        catch (ArgumentException error)
        {
            await Console.Error.WriteLineAsync($"kernels: {error.Message}");
            return 2;
        }

        var (runners, machine) = await RunnersAsync(options, root, Path.Combine(artifacts, "peers"), log, cancellationToken);
        var scratch = Path.GetFullPath(options.Scratch ?? (Directory.Exists("/dev/shm")
            ? Path.Combine("/dev/shm", $"edgewasm-bench-{Environment.ProcessId}")
            : Path.Combine(artifacts, "bench", "scratch")));
        var scratchExisted = Directory.Exists(scratch);
        try
        {
            var reference = await ReferenceAsync(kernels, (NativeRunner)runners[0], scratch, cancellationToken);
            var samples = new List<Sample>();
            await WarmUpAsync(options, kernels, runners, reference, scratch, log, cancellationToken);
            for (var round = 1; round <= options.Rounds; round++)
            {
                for (var k = 0; k < kernels.Count; k++)
                {
                    // Rotating the order spreads drift in the machine's load evenly over the runners.
                    for (var i = 0; i < runners.Count; i++)
                    {
                        var runner = runners[(i + round + k) % runners.Count];
                        var sample = await MeasureAsync(round, kernels[k], runner, reference[kernels[k]], scratch, cancellationToken);
                        samples.Add(sample);
                        await log.WriteLineAsync(Describe(sample, options.Rounds));
                    }
                }
            }

            var report = new KernelReport(kernels, runners, samples, machine, loadBefore, MachineInfo.LoadAverage(), options.Rounds);
            Directory.CreateDirectory(Path.GetDirectoryName(output)!);
            var markdown = report.ToMarkdown();
            await File.WriteAllTextAsync(output, markdown, cancellationToken);
            await File.WriteAllTextAsync(Path.ChangeExtension(output, ".csv"), report.ToCsv(), cancellationToken);
            await log.WriteLineAsync();
            await log.WriteLineAsync(markdown);
            await log.WriteLineAsync($"kernels: wrote {output} and {Path.ChangeExtension(output, ".csv")}");
            return report.AllPassed ? 0 : 1;
        }
        finally
        {
            foreach (var runner in runners.OfType<IDisposable>()) runner.Dispose();
            // Only what the harness made goes: a --scratch directory given by the user stays.
            foreach (var runner in runners)
            {
                var directory = Path.Combine(scratch, runner.Name);
                if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
            }

            if (!scratchExisted && Directory.Exists(scratch)) Directory.Delete(scratch);
        }
    }

    private static async Task<(List<IKernelRunner> Runners, MachineInfo Machine)> RunnersAsync(
        KernelsOptions options, string root, string peers, TextWriter log, CancellationToken cancellationToken)
    {
        bool Wanted(string name) => options.Runners.Contains(name);
        var runners = new List<IKernelRunner> { new NativeRunner() };
        var node = await VersionAsync("node", ["--version"], cancellationToken);
        if (node is null && (Wanted("v8") || Wanted("v8-turbofan"))) await log.WriteLineAsync("kernels: node not found; skipping the V8 runners");
        if (node is not null)
        {
            var script = Path.Combine(root, "bench", "peers", "node-wasi.mjs");
            if (Wanted("v8")) runners.Add(new NodeRunner("node", script, turboFanOnly: false));
            if (Wanted("v8-turbofan")) runners.Add(new NodeRunner("node", script, turboFanOnly: true));
        }

        var wizer = "not used";
        if (Wanted("wasmtime"))
        {
            try
            {
                runners.Add(new WizerRunner(await WizerDownload.EnsureAsync(peers, log, cancellationToken)));
                wizer = $"wizer {WizerDownload.Package} (Wasmtime 42.0.1, Cranelift)";
            }
            catch (Exception error) when (error is InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
            {
                await log.WriteLineAsync($"kernels: could not get wizer, skipping the wasmtime runner: {error.Message}");
            }
        }

        if (Wanted("edgewasm")) runners.Add(new EdgeWasmRunner(fuel: false));
        if (Wanted("edgewasm+fuel")) runners.Add(new EdgeWasmRunner(fuel: true));
        if (Wanted("edgewasm-warm")) runners.Add(new EdgeWasmRunner(fuel: false, warm: true));
        var clang = await VersionAsync("clang", ["--version"], cancellationToken) ?? "clang (unknown version)";
        return (runners, MachineInfo.Describe(node ?? "not found", clang, wizer));
    }

    // The native build's output is the reference every other run must reproduce byte for byte.
    private static async Task<Dictionary<Kernel, RunResult>> ReferenceAsync(IReadOnlyList<Kernel> kernels, NativeRunner native, string scratch, CancellationToken cancellationToken)
    {
        var reference = new Dictionary<Kernel, RunResult>();
        foreach (var kernel in kernels)
        {
            var result = await native.RunAsync(kernel, FreshScratch(scratch, native.Name), cancellationToken);
            if (result.ExitCode != 0) throw new InvalidOperationException($"{kernel.Name} fails natively (exit {result.ExitCode}): {result.StdoutHead}");
            reference[kernel] = result;
        }

        return reference;
    }

    private static async Task WarmUpAsync(KernelsOptions options, IReadOnlyList<Kernel> kernels, List<IKernelRunner> runners, Dictionary<Kernel, RunResult> reference,
        string scratch, TextWriter log, CancellationToken cancellationToken)
    {
        foreach (var runner in runners.OfType<EdgeWasmRunner>())
        {
            for (var i = 0; i < options.Warmup; i++)
            {
                foreach (var kernel in kernels)
                {
                    var sample = await MeasureAsync(0, kernel, runner, reference[kernel], scratch, cancellationToken);
                    await log.WriteLineAsync(Describe(sample, options.Rounds) + " (warm-up, not counted)");
                }
            }
        }
    }

    /// <summary>Runs <paramref name="kernel"/> once in a fresh scratch directory and checks it against the native <paramref name="reference"/>.</summary>
    internal static async Task<Sample> MeasureAsync(int round, Kernel kernel, IKernelRunner runner, RunResult reference, string scratch, CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync(kernel, FreshScratch(scratch, runner.Name), cancellationToken);
        string? failure = null;
        if (result.Problem is not null) failure = result.Problem;
        else if (result.ExitCode != reference.ExitCode) failure = $"exit code {result.ExitCode}, native gave {reference.ExitCode}; stdout: {result.StdoutHead}";
        else if (result.StdoutSha256 != reference.StdoutSha256) failure = $"stdout differs from native's.\n  got:    {result.StdoutHead}\n  native: {reference.StdoutHead}";
        return new Sample(round, kernel, runner.Name, result, failure);
    }

    private static string Describe(Sample sample, int rounds)
    {
        var r = sample.Result;
        var load = r.LoadCpu is { } l && r.Jit is { } j
            ? string.Create(CultureInfo.InvariantCulture, $"  load {l.TotalMilliseconds,4:F0} ms cpu, jit {j.TotalMilliseconds,4:F0} ms ({r.JitMethods} methods)")
            : "";
        var status = sample.Failure is null ? "ok" : "FAILED: " + sample.Failure;
        return string.Create(CultureInfo.InvariantCulture,
            $"  [{sample.Round}/{rounds}] {sample.Kernel.Name,-8} {sample.Runner,-14} wall {r.Wall.TotalMilliseconds,7:F0} ms  cpu {r.Cpu.TotalMilliseconds,7:F0} ms{load}  {status}");
    }

    private static string FreshScratch(string scratch, string runner)
    {
        var directory = Path.Combine(scratch, runner);
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        Directory.CreateDirectory(directory);
        return directory;
    }

    private static async Task<string?> VersionAsync(string tool, string[] arguments, CancellationToken cancellationToken)
    {
        try
        {
            var (exitCode, output) = await ChildProcess.RunToolAsync(tool, arguments, Environment.CurrentDirectory, cancellationToken);
            return exitCode == 0 ? output.Split('\n')[0].Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
