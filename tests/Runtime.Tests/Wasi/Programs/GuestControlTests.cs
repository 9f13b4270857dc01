using System.Text.RegularExpressions;
using EdgeWasm.Runtime.Errors;

namespace EdgeWasm.Runtime.Tests.Wasi.Programs;

/// <summary>Programs the host has to keep in check: memory limits, endless loops (fuel and interruption).</summary>
public sealed partial class GuestControlTests
{
    [Theory]
    [InlineData(16)]
    [InlineData(48)]
    public void Malloc_FailsCleanlyAtTheStoreMemoryLimit(int limitMiB)
    {
        var run = new WasmProgram("wasi_malloc")
        {
            Prepare = store => store.Limits = new StoreLimits().WithMemorySize(limitMiB * 1024L * 1024),
        }.Run();
        Assert.Equal(0, run.ExitCode);
        var allocated = int.Parse(Allocated().Match(run.Stdout).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        // The program itself (code, stack, static data) takes part of the limit.
        Assert.InRange(allocated, limitMiB - 3, limitMiB - 1);
        Console.WriteLine($"malloc: {allocated} MiB under a {limitMiB} MiB store limit");
        Assert.Contains("blocks intact: yes", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("malloc works after freeing: yes", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void EndlessLoop_IsStoppedByFuel()
    {
        var run = new WasmProgram("wasi_spin")
        {
            EngineOptions = new EngineOptions().WithFuel(true),
            Prepare = store => store.SetFuel(20_000_000),
        }.Run();
        Assert.Equal(TrapCode.OutOfFuel, run.Trap?.Code);
        Assert.Equal("spinning\n", run.Stdout);
    }

    [Fact]
    public void EndlessLoop_IsStoppedByADeadline()
    {
        var run = new WasmProgram("wasi_spin") { Prepare = store => store.SetDeadline(TimeSpan.FromMilliseconds(300)) }.Run();
        Assert.Equal(TrapCode.Interrupted, run.Trap?.Code);
        Assert.Equal("spinning\n", run.Stdout);
    }

    [Fact]
    public void EndlessLoop_IsStoppedByInterruptFromAnotherThread()
    {
        Store? running = null;
        var run = new WasmProgram("wasi_spin")
        {
            Prepare = store =>
            {
                running = store;
                _ = Task.Delay(300).ContinueWith(_ => running.Interrupt(), TaskScheduler.Default);
            },
        }.Run();
        Assert.Equal(TrapCode.Interrupted, run.Trap?.Code);
    }

    [GeneratedRegex(@"allocated (\d+) MiB")]
    private static partial Regex Allocated();
}
