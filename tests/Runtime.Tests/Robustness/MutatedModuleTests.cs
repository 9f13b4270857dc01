using System.Diagnostics;
using System.Globalization;
using EdgeWasm.Runtime.Decoding;
using EdgeWasm.Runtime.Errors;
using EdgeWasm.Runtime.Tests.Spec;
using EdgeWasm.Runtime.Validation;
using EdgeWasm.TestSupport;
using Xunit.Abstractions;

namespace EdgeWasm.Runtime.Tests.Robustness;

/// <summary>
/// Feeds thousands of mutated valid modules (the spec suite's and the fixtures') to the decoder and validator.
/// Each must end as a valid module or in a decode or validation error: never another exception, a hang or a
/// runaway allocation. The seed is fixed (EDGEWASM_FUZZ_SEED overrides it, EDGEWASM_FUZZ_CASES the case count)
/// and every failure names it, with the case number and the mutations.
/// </summary>
public sealed class MutatedModuleTests(ITestOutputHelper output)
{
    private const int DefaultSeed = 20_261_121;
    private const int DefaultCases = 20_000;
    private static readonly TimeSpan MaxPerModule = TimeSpan.FromSeconds(5);

    // Generous for a few KB of input, and still far below what a count trusted before reading would cost.
    private const long AllocationBase = 64L << 20;
    private const long AllocationPerInputByte = 64;

    [Fact]
    public void MutatedModulesDecodeOrFailWithAWasmErrorWithinTimeAndMemoryBounds()
    {
        var seed = EnvironmentInt("EDGEWASM_FUZZ_SEED", DefaultSeed);
        var cases = EnvironmentInt("EDGEWASM_FUZZ_CASES", DefaultCases);
        var corpus = LoadCorpus();
        var run = new FuzzRun(corpus, seed, cases);

        // Cases run on a worker thread so that a hang is reported instead of blocking the test run forever.
        var worker = new Thread(run.Execute) { IsBackground = true, Name = "fuzz" };
        worker.Start();
        while (!worker.Join(TimeSpan.FromMilliseconds(200)))
        {
            var started = Volatile.Read(ref run.CurrentCaseStarted);
            if (started != 0 && Stopwatch.GetElapsedTime(started) > MaxPerModule)
            {
                Assert.Fail($"seed {seed}, case {Volatile.Read(ref run.CurrentCase)} hangs (> {MaxPerModule.TotalSeconds} s): {run.CurrentDescription}");
            }
        }

        output.WriteLine($"seed {seed}: {cases} mutated modules from {corpus.Count} valid ones: {run.Valid} valid, "
            + $"{run.DecodeErrors} decode errors, {run.ValidationErrors} validation errors; slowest {run.Slowest.TotalMilliseconds:F1} ms, "
            + $"most allocated {run.MostAllocated / 1024} KiB ({run.MostAllocatedPerByte:F1} bytes per input byte)");
        Assert.True(run.Failures.Count == 0, $"seed {seed}:\n" + string.Join('\n', run.Failures.Take(20)));
        // The mutations must exercise both kinds of rejection, or this test would prove little.
        Assert.True(run.DecodeErrors > cases / 10 && run.ValidationErrors > cases / 100, "the mutations produced too few errors of one kind");
    }

    private static List<(string Name, byte[] Bytes)> LoadCorpus()
    {
        var corpus = new List<(string, byte[])>();
        foreach (var script in SpecSuite.CoreScriptNames)
        {
            foreach (var command in SpecSuite.Load(script).Commands)
            {
                if (command is { Kind: SpecCommandKind.Module or SpecCommandKind.AssertUnlinkable or SpecCommandKind.AssertUninstantiable, Format: SpecModuleFormat.Binary })
                {
                    corpus.Add(($"{script}:{command.Line}", command.ReadModule()));
                }
            }
        }

        foreach (var file in Directory.GetFiles(Fixtures.Directory, "*.wasm").Order(StringComparer.Ordinal))
        {
            corpus.Add((Path.GetFileName(file), File.ReadAllBytes(file)));
        }

        return corpus;
    }

    private static int EnvironmentInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    private sealed class FuzzRun(List<(string Name, byte[] Bytes)> corpus, int seed, int cases)
    {
        public long CurrentCaseStarted;
        public int CurrentCase;

        public string CurrentDescription { get; private set; } = "";

        public List<string> Failures { get; } = [];

        public int Valid { get; private set; }

        public int DecodeErrors { get; private set; }

        public int ValidationErrors { get; private set; }

        public TimeSpan Slowest { get; private set; }

        public long MostAllocated { get; private set; }

        public double MostAllocatedPerByte { get; private set; }

        public void Execute()
        {
            try
            {
                ExecuteCases();
            }
            catch (Exception e)
            {
                // An exception escaping a thread would end the test process; report it instead.
                Failures.Add($"case {CurrentCase} ({CurrentDescription}): the harness failed: {e}");
                Volatile.Write(ref CurrentCaseStarted, 0);
            }
        }

        private void ExecuteCases()
        {
            var random = new Random(seed);
            var mutator = new ModuleMutator(random);
            for (var i = 0; i < cases; i++)
            {
                var (name, original) = corpus[random.Next(corpus.Count)];
                var bytes = mutator.Mutate(original, out var mutations);
                CurrentDescription = $"{name}: {mutations}";
                Volatile.Write(ref CurrentCase, i);
                var started = Stopwatch.GetTimestamp();
                Volatile.Write(ref CurrentCaseStarted, started);
                var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
                var outcome = Run(bytes);
                var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
                var elapsed = Stopwatch.GetElapsedTime(started);
                Volatile.Write(ref CurrentCaseStarted, 0);

                if (outcome is not null) Failures.Add($"case {i} ({CurrentDescription}): {outcome}");
                if (elapsed > MaxPerModule) Failures.Add($"case {i} ({CurrentDescription}): took {elapsed.TotalSeconds:F1} s");
                if (allocated > AllocationBase + AllocationPerInputByte * bytes.Length)
                {
                    Failures.Add($"case {i} ({CurrentDescription}): allocated {allocated} bytes for {bytes.Length} input bytes");
                }

                if (elapsed > Slowest) Slowest = elapsed;
                if (allocated > MostAllocated) MostAllocated = allocated;
                MostAllocatedPerByte = Math.Max(MostAllocatedPerByte, (double)allocated / Math.Max(1, bytes.Length));
            }
        }

        // Null when the outcome is acceptable, else what went wrong.
        private string? Run(byte[] bytes)
        {
            try
            {
                ModuleValidator.Validate(ModuleDecoder.Decode(bytes));
                Valid++;
                return null;
            }
            catch (WasmDecodeException)
            {
                DecodeErrors++;
                return null;
            }
            catch (WasmValidationException)
            {
                ValidationErrors++;
                return null;
            }
            catch (Exception e)
            {
                return $"{e.GetType().Name}: {e.Message}\n{e.StackTrace}";
            }
        }
    }
}
