using EdgeWasm.TestSupport;

namespace EdgeWasm.Runtime.Tests.Spec;

/// <summary>
/// Finds the converted WebAssembly spec suite: a <c>shared/wasm-testsuite</c> folder in the repository root or
/// above it (worktrees live in /work/wt/NAME, the suite in /work/shared). The core (non-SIMD) scripts are in
/// <c>json/</c>, the SIMD ones in <c>json-simd/</c>.
/// </summary>
public static class SpecSuite
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The wasm-testsuite folder.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>The names of the core scripts (e.g. "address"), sorted.</summary>
    public static IReadOnlyList<string> CoreScriptNames => ScriptNames("json");

    /// <summary>The names of the SIMD scripts, sorted.</summary>
    public static IReadOnlyList<string> SimdScriptNames => ScriptNames("json-simd");

    /// <summary>Loads a core script by name, or a SIMD one when its name starts with "simd_".</summary>
    public static SpecScript Load(string name)
    {
        var folder = name.StartsWith("simd_", StringComparison.Ordinal) ? "json-simd" : "json";
        return SpecScript.Load(Path.Combine(Root, folder, name, name + ".json"));
    }

    /// <summary>Core script names as xunit theory data.</summary>
    public static TheoryData<string> CoreScripts()
    {
        var data = new TheoryData<string>();
        foreach (var name in CoreScriptNames) data.Add(name);
        return data;
    }

    private static List<string> ScriptNames(string folder) =>
        [.. Directory.GetDirectories(Path.Combine(Root, folder)).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(Fixtures.RepoRoot); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "wasm-testsuite");
            if (Directory.Exists(Path.Combine(candidate, "json"))) return candidate;
        }

        throw new DirectoryNotFoundException($"no shared/wasm-testsuite/json in or above {Fixtures.RepoRoot}");
    }
}
