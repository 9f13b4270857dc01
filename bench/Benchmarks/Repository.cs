namespace EdgeWasm.Benchmarks;

/// <summary>Where things are: the repository root (found from the binary's location) and the build's fixtures.</summary>
internal static class Repository
{
    /// <summary>The directory holding EdgeWasm.sln above this binary.</summary>
    public static string Root()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "EdgeWasm.sln"))) return directory.FullName;
        }

        throw new InvalidOperationException($"no EdgeWasm.sln above {AppContext.BaseDirectory}");
    }

    /// <summary>A module the build compiled into bin/.../fixtures (tests/fixtures and bench/Benchmarks/Micro sources).</summary>
    public static string Fixture(string fileName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "fixtures", fileName);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{fileName} was not built; build bench/Benchmarks first", path);
    }
}
