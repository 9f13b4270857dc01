using EdgeWasm.Benchmarks.Kernels.Runners;

namespace EdgeWasm.Benchmarks.Kernels;

/// <summary>
/// Builds every bench/kernels/*.c twice into artifacts/bench: <c>clang --target=wasm32-wasi -O2</c> (wasi-libc)
/// and <c>clang -O2</c> (glibc), skipping outputs newer than their source.
/// </summary>
internal static class KernelBuilder
{
    /// <summary>The group a kernel belongs to when its source does not say.</summary>
    public const string ComputeGroup = "compute";

    private const string GroupMarker = "// bench-group: ";

    public static async Task<IReadOnlyList<Kernel>> BuildAsync(string sourceDirectory, string outputDirectory, IReadOnlySet<string>? only, TextWriter log, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(sourceDirectory)) throw new DirectoryNotFoundException($"no kernel sources at {sourceDirectory}");
        Directory.CreateDirectory(outputDirectory);
        var sources = Directory.GetFiles(sourceDirectory, "*.c").Order(StringComparer.Ordinal).ToList();
        var names = sources.Select(s => Path.GetFileNameWithoutExtension(s)).ToHashSet(StringComparer.Ordinal);
        if (only is not null && only.FirstOrDefault(n => !names.Contains(n)) is { } unknown)
        {
            throw new ArgumentException($"--only: no kernel named '{unknown}' (there are: {string.Join(", ", names.Order(StringComparer.Ordinal))})");
        }

        var kernels = new List<Kernel>();
        foreach (var source in sources)
        {
            var name = Path.GetFileNameWithoutExtension(source);
            if (only is not null && !only.Contains(name)) continue;
            var wasm = Path.Combine(outputDirectory, name + ".wasm");
            var native = Path.Combine(outputDirectory, name + ".native");
            await CompileAsync(source, wasm, ["--target=wasm32-wasi", "-O2", source, "-o", wasm], log, cancellationToken);
            await CompileAsync(source, native, ["-O2", source, "-o", native, "-lm"], log, cancellationToken);
            kernels.Add(new Kernel(name, GroupOf(source), wasm, native));
        }

        return kernels;
    }

    private static async Task CompileAsync(string source, string output, string[] arguments, TextWriter log, CancellationToken cancellationToken)
    {
        if (File.Exists(output) && File.GetLastWriteTimeUtc(output) >= File.GetLastWriteTimeUtc(source)) return;
        await log.WriteLineAsync($"  clang {string.Join(' ', arguments)}");
        var (exitCode, message) = await ChildProcess.RunToolAsync("clang", arguments, Path.GetDirectoryName(source)!, cancellationToken);
        if (exitCode != 0) throw new InvalidOperationException($"clang failed on {source}:\n{message}");
    }

    private static string GroupOf(string source) =>
        File.ReadLines(source).Take(20).FirstOrDefault(l => l.StartsWith(GroupMarker, StringComparison.Ordinal)) is { } line
            ? line[GroupMarker.Length..].Trim()
            : ComputeGroup;
}
