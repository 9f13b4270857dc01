using System.Diagnostics;
using EdgeWasm.Runtime;

namespace EdgeWasm.Cli.Calibrate;

/// <summary>
/// Measures how much fuel one core burns per second: runs <see cref="CalibrationKernel"/> with fuel metering on, in
/// rounds of a fixed time on one thread, and divides the fuel consumed by the CPU time the process used meanwhile (on a
/// busy machine wall time would count other programs' time as ours). The median round is the result.
/// </summary>
internal static class Calibration
{
    /// <summary>Iterations per call, small enough that a round ends close to its time.</summary>
    private const int Chunk = 200_000;

    /// <summary>The result of a calibration.</summary>
    /// <param name="FuelPerCoreSecond">The median round's fuel per CPU-second.</param>
    /// <param name="Rounds">Each round's fuel per CPU-second.</param>
    /// <param name="FuelPerWallSecond">The median round's fuel per wall-clock second (lower when the machine is busy).</param>
    public sealed record Result(long FuelPerCoreSecond, IReadOnlyList<long> Rounds, long FuelPerWallSecond);

    /// <summary>Runs <paramref name="rounds"/> rounds of <paramref name="roundTime"/> each, after a short warm-up.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> stopped it (between chunks of a few ms).</exception>
    public static Result Measure(TimeSpan roundTime, int rounds, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(roundTime, TimeSpan.FromMilliseconds(100));
        using var engine = new Engine(new EngineOptions().WithFuel(true));
        var module = Module.FromBytes(engine, CalibrationKernel.Bytes, "calibration");
        using var store = new Store(engine);
        store.SetFuel(long.MaxValue / 2);
        var run = new Linker(engine).Instantiate(store, module).GetFunction<int, int>("run")!;
        for (var i = 0; i < 5; i++) run(Chunk);

        var process = Process.GetCurrentProcess();
        var perCpu = new List<long>();
        var perWall = new List<long>();
        for (var round = 0; round < rounds; round++)
        {
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var fuelBefore = store.FuelConsumed;
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < roundTime)
            {
                cancellationToken.ThrowIfCancellationRequested();
                run(Chunk);
            }

            var wall = clock.Elapsed;
            process.Refresh();
            var cpu = process.TotalProcessorTime - cpuBefore;
            var fuel = store.FuelConsumed - fuelBefore;
            perCpu.Add((long)(fuel / Math.Max(cpu.TotalSeconds, 1e-3)));
            perWall.Add((long)(fuel / wall.TotalSeconds));
        }

        return new Result(Median(perCpu), perCpu, Median(perWall));
    }

    private static long Median(List<long> values) => values.Order().ElementAt(values.Count / 2);
}
