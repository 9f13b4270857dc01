using EdgeWasm.Runtime.Errors;
using EdgeWasm.Runtime.Tests.Spec;
using EdgeWasm.TestSupport;
using Xunit.Abstractions;

namespace EdgeWasm.Runtime.Tests.Robustness;

/// <summary>
/// The compiler's side of robustness: mutated modules that still validate are compiled, instantiated against
/// stub imports and every export is called with zero arguments, under fuel, a deadline and small limits. Each
/// must end normally or in a <see cref="WasmException"/>: never invalid IL, another exception type or a hang.
/// Fixed seed (EDGEWASM_FUZZ_SEED overrides it, EDGEWASM_EXEC_FUZZ_CASES the case count); failures name the case.
/// </summary>
public sealed class MutatedExecutionTests(ITestOutputHelper output)
{
    private const int DefaultSeed = 20_261_122;
    private const int DefaultCases = 10_000;

    [Fact]
    public void ValidMutatedModules_CompileAndRun_OrFailWithAWasmError()
    {
        var seed = TestEnvironment.Int("EDGEWASM_FUZZ_SEED", DefaultSeed);
        var cases = TestEnvironment.Int("EDGEWASM_EXEC_FUZZ_CASES", DefaultCases);
        var corpus = LoadCorpus();
        using var engine = new Engine(new EngineOptions().WithFuel(true).WithMaxCallDepth(2000));
        var random = new Random(seed);
        var mutator = new ModuleMutator(random);
        var failures = new List<string>();
        int valid = 0, calls = 0, traps = 0, linkErrors = 0;

        for (var i = 0; i < cases; i++)
        {
            var (name, original) = corpus[random.Next(corpus.Count)];
            var bytes = mutator.Mutate(original, out var mutations);
            Module module;
            try
            {
                module = Module.FromBytes(engine, bytes);
            }
            catch (Exception ex) when (ex is WasmDecodeException or WasmValidationException)
            {
                continue;
            }
            catch (Exception ex)
            {
                failures.Add($"case {i} ({name}: {mutations}): compiling threw {ex.GetType().Name}: {ex.Message}");
                continue;
            }

            valid++;
            using var store = new Store(engine) { Limits = new StoreLimits().WithMemorySize(16 << 20).WithTableElements(100_000) };
            store.SetFuel(200_000);
            store.SetDeadline(TimeSpan.FromSeconds(10));
            try
            {
                var instance = StubLinker(engine, store, module).Instantiate(store, module);
                foreach (var function in instance.Exports.Values.OfType<Func>())
                {
                    calls++;
                    try
                    {
                        function.Invoke([.. function.Type.Parameters.Select(Value.Default)]);
                    }
                    catch (WasmTrapException trap)
                    {
                        traps++;
                        if (trap.Code == TrapCode.Interrupted) failures.Add($"case {i} ({name}: {mutations}): ran past the deadline despite fuel");
                        store.AddFuel(200_000);
                    }
                }
            }
            catch (WasmLinkException)
            {
                linkErrors++;
            }
            catch (WasmTrapException)
            {
                traps++;
            }
            catch (Exception ex)
            {
                failures.Add($"case {i} ({name}: {mutations}): {ex.GetType().Name}: {ex.Message}\n{ex.StackTrace}");
            }
        }

        output.WriteLine($"seed {seed}: {cases} mutated modules, {valid} valid and compiled, {calls} calls, {traps} traps, {linkErrors} refused by limits");
        Assert.True(failures.Count == 0, $"seed {seed}:\n" + string.Join('\n', failures.Take(10)));
        Assert.True(valid > cases / 20 && calls > valid, "too few mutated modules were valid and callable to prove anything");
    }

    // Every import gets a definition of exactly its type: functions returning zeros, fresh memories, tables, globals.
    private static Linker StubLinker(Engine engine, Store store, Module module)
    {
        var linker = new Linker(engine) { AllowShadowing = true };
        foreach (var import in module.Imports)
        {
            var type = import.Type;
            switch (import.Kind)
            {
                case ExternKind.Function:
                    var results = type.Function!.Results;
                    linker.DefineFunction(import.Module, import.Name, type.Function, (_, _, values) =>
                    {
                        for (var r = 0; r < values.Length; r++) values[r] = Value.Default(results[r]);
                    });
                    break;
                case ExternKind.Memory:
                    linker.Define(import.Module, import.Name, new Memory(store, type.Minimum, type.Maximum));
                    break;
                case ExternKind.Table:
                    linker.Define(import.Module, import.Name, new Table(store, type.ValueType!.Value, type.Minimum, type.Maximum));
                    break;
                case ExternKind.Global:
                    linker.Define(import.Module, import.Name, new Global(store, type.ValueType!.Value, Value.Default(type.ValueType!.Value), type.Mutable));
                    break;
            }
        }

        return linker;
    }

    private static List<(string Name, byte[] Bytes)> LoadCorpus()
    {
        var corpus = new List<(string, byte[])>();
        foreach (var script in SpecSuite.CoreScriptNames)
        {
            foreach (var command in SpecSuite.Load(script).Commands)
            {
                if (command is { Kind: SpecCommandKind.Module, Format: SpecModuleFormat.Binary }) corpus.Add(($"{script}:{command.Line}", command.ReadModule()));
            }
        }

        foreach (var name in new[] { "compute", "kernels", "host-calls", "refs", "growth", "calls" }) corpus.Add((name, File.ReadAllBytes(Fixtures.Wasm(name))));
        return corpus;
    }
}
