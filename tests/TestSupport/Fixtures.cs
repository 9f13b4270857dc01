namespace EdgeWasm.TestSupport;

/// <summary>Paths of compiled test fixtures (see tests/Fixtures.targets) and of the repository.</summary>
public static class Fixtures
{
    /// <summary>The folder the test build compiles tests/fixtures into.</summary>
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "fixtures");

    /// <summary>A compiled fixture's .wasm file, e.g. <c>Wasm("hello")</c>.</summary>
    public static string Wasm(string name) => Existing(Path.Combine(Directory, name + ".wasm"));

    /// <summary>The same C fixture built natively with glibc.</summary>
    public static string Native(string name) => Existing(Path.Combine(Directory, name + ".native"));

    /// <summary>The repository root (the folder holding EdgeWasm.sln).</summary>
    public static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "EdgeWasm.sln"))) return dir.FullName;
            }

            throw new InvalidOperationException("EdgeWasm.sln not found above " + AppContext.BaseDirectory);
        }
    }

    private static string Existing(string path) =>
        File.Exists(path) ? path : throw new FileNotFoundException($"fixture {path} was not built; see tests/Fixtures.targets", path);
}
