using System.Globalization;

namespace EdgeWasm.Benchmarks.Kernels;

/// <summary>Command-line options of <c>Benchmarks kernels</c>.</summary>
internal sealed record KernelsOptions
{
    /// <summary>The runners there are, in table order; native always runs (it is the reference).</summary>
    public static readonly IReadOnlyList<string> AllRunners = ["native", "v8", "v8-turbofan", "wasmtime", "edgewasm", "edgewasm+fuel", "edgewasm-warm"];

    public const string Usage = """
        usage: Benchmarks kernels [--rounds N] [--warmup N] [--only fib,matmul,...] [--runners v8,wasmtime,...] [--out FILE] [--scratch DIR]
          --rounds N     measured rounds; each round runs every kernel under every runner, in a rotating order (default 5)
          --warmup N     unmeasured runs of each kernel under our engine first, so the engine's own code is warm (default 1)
          --only LIST    kernels to run (names of bench/kernels/*.c; default all)
          --runners LIST runners besides native: v8, v8-turbofan, wasmtime, edgewasm, edgewasm+fuel, edgewasm-warm (default all)
          --out FILE     the markdown report (default artifacts/bench/kernels.md; raw samples go next to it as .csv)
          --scratch DIR  where each run gets a fresh working directory (default: under /dev/shm, a tmpfs, so the
                         file kernels measure the WASI layers rather than a disk shared with other jobs)
        """;

    /// <summary>Measured rounds.</summary>
    public int Rounds { get; init; } = 5;

    /// <summary>Unmeasured runs per kernel under our engine before the first round.</summary>
    public int Warmup { get; init; } = 1;

    /// <summary>Kernels to run, or null for all.</summary>
    public IReadOnlySet<string>? Only { get; init; }

    /// <summary>Runners to use (native is always added).</summary>
    public IReadOnlySet<string> Runners { get; init; } = AllRunners.ToHashSet(StringComparer.Ordinal);

    /// <summary>The report path, or null for artifacts/bench/kernels.md.</summary>
    public string? Output { get; init; }

    /// <summary>The directory under which runs get their working directories, or null for the default.</summary>
    public string? Scratch { get; init; }

    /// <summary>Parses the arguments after <c>kernels</c>; a bad one throws <see cref="ArgumentException"/> naming it.</summary>
    public static KernelsOptions Parse(IReadOnlyList<string> args)
    {
        var options = new KernelsOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value");
            options = name switch
            {
                "--rounds" => options with { Rounds = Count(name, Value(), minimum: 1) },
                "--warmup" => options with { Warmup = Count(name, Value(), minimum: 0) },
                "--only" => options with { Only = List(Value()) },
                "--runners" => options with { Runners = RunnerList(Value()) },
                "--out" => options with { Output = Value() },
                "--scratch" => options with { Scratch = Value() },
                _ => throw new ArgumentException($"unknown option '{name}'"),
            };
        }

        return options;
    }

    private static int Count(string name, string value, int minimum) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= minimum && n <= 1000
            ? n
            : throw new ArgumentException($"{name} must be a whole number from {minimum} to 1000, not '{value}'");

    private static HashSet<string> List(string value)
    {
        var items = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        return items.Count > 0 ? items : throw new ArgumentException("an empty list");
    }

    private static HashSet<string> RunnerList(string value)
    {
        var runners = List(value);
        if (runners.FirstOrDefault(r => !AllRunners.Contains(r)) is { } unknown)
        {
            throw new ArgumentException($"--runners: unknown runner '{unknown}' (there are: {string.Join(", ", AllRunners)})");
        }

        runners.Add("native");
        return runners;
    }
}
