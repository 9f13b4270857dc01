using System.Diagnostics;
using System.Globalization;
using EdgeWasm.Runtime.Errors;
using EdgeWasm.TestSupport;
using Xunit.Abstractions;

namespace EdgeWasm.Runtime.Tests.Differential;

/// <summary>
/// Generated programs (<see cref="ProgramGenerator"/>) must give exactly what V8 gives, call by call, with fuel
/// metering off and on. Fixed seed (EDGEWASM_DIFF_SEED overrides it, EDGEWASM_DIFF_MODULES the count); a mismatch
/// names the module, whose .wat is kept in the output folder.
/// </summary>
public sealed class DifferentialTests(ITestOutputHelper output)
{
    private const int DefaultSeed = 20_261_123;
    private const int DefaultModules = 150;
    private static readonly long[][] ArgumentSets = [[5, 3, -7], [0, 0, 0], [-1, 123_456_789, 2]];

    [Fact]
    public async Task GeneratedPrograms_GiveTheSameResultsAsV8_WithAndWithoutFuel()
    {
        var seed = TestEnvironment.Int("EDGEWASM_DIFF_SEED", DefaultSeed);
        var count = TestEnvironment.Int("EDGEWASM_DIFF_MODULES", DefaultModules);
        var directory = Path.Combine(Fixtures.RepoRoot, "artifacts", "differential");
        Directory.CreateDirectory(directory);
        var generator = new ProgramGenerator(new Random(seed));
        var modules = new List<(string Name, string Path, IReadOnlyList<string[]> Signatures)>();
        for (var i = 0; i < count; i++)
        {
            var name = $"seed{seed}-{i}";
            var wat = Path.Combine(directory, name + ".wat");
            var wasm = Path.Combine(directory, name + ".wasm");
            await File.WriteAllTextAsync(wat, generator.Module(), CancellationToken.None);
            if (await Wat2WasmAsync(wat, wasm)) modules.Add((name, wasm, generator.Signatures));
        }

        Assert.True(modules.Count >= count * 9 / 10, $"only {modules.Count} of {count} generated modules are valid: the generator is broken");
        var expected = await V8.RunAsync(directory, modules, ArgumentSets, CancellationToken.None);
        var withoutFuel = RunOurs(modules, fuel: false);
        var withFuel = RunOurs(modules, fuel: true);

        output.WriteLine($"seed {seed}: {modules.Count} modules, {expected.Length - modules.Count} calls compared with V8");
        AssertSame(expected, withoutFuel, "fuel off");
        AssertSame(expected, withFuel, "fuel on");
    }

    private static string[] RunOurs(List<(string Name, string Path, IReadOnlyList<string[]> Signatures)> modules, bool fuel)
    {
        using var engine = new Engine(new EngineOptions().WithFuel(fuel));
        var lines = new List<string>();
        foreach (var (name, path, signatures) in modules)
        {
            lines.Add("# " + name);
            using var store = new Store(engine);
            if (fuel) store.SetFuel(1L << 40);
            var instance = new Linker(engine).Instantiate(store, Module.FromFile(engine, path));
            foreach (var set in ArgumentSets)
            {
                for (var f = 0; f < signatures.Count; f++)
                {
                    var args = signatures[f].Select((type, i) => type == "i64" ? Value.FromInt64(set[i % 3]) : Value.FromInt32((int)set[i % 3])).ToArray();
                    string text;
                    try
                    {
                        text = string.Join(' ', instance.GetFunction("f" + f)!.Invoke(args).Select(Format));
                    }
                    catch (WasmTrapException)
                    {
                        text = "trap";
                    }

                    lines.Add($"f{f}({string.Join(',', args.Select(Format))}) = {text}");
                }
            }
        }

        return [.. lines];
    }

    private static string Format(Value value) =>
        value.Kind == ValueKind.I64 ? value.AsInt64().ToString(CultureInfo.InvariantCulture) : value.AsInt32().ToString(CultureInfo.InvariantCulture);

    private static void AssertSame(string[] expected, string[] actual, string mode)
    {
        var module = "";
        for (var i = 0; i < Math.Max(expected.Length, actual.Length); i++)
        {
            var e = i < expected.Length ? expected[i] : "(nothing)";
            var a = i < actual.Length ? actual[i] : "(nothing)";
            if (e.StartsWith('#')) module = e[2..];
            Assert.True(e == a, $"{mode}, module {module} (artifacts/differential/{module}.wat): V8 gives \"{e}\", EdgeWasm \"{a}\"");
        }
    }

    private static async Task<bool> Wat2WasmAsync(string wat, string wasm)
    {
        using var process = Process.Start(new ProcessStartInfo("wat2wasm", [wat, "-o", wasm]) { RedirectStandardError = true })!;
        await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0;
    }
}
