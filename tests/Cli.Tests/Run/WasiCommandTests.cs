using EdgeWasm.TestSupport;

namespace EdgeWasm.Cli.Tests.Run;

/// <summary>
/// <c>edgewasm run module.wasm ARGS</c> on WASI command modules compiled from C, as a process: arguments, environment,
/// exit codes, traps and limits, compared with the native build of the same program where behaviour should match.
/// </summary>
public sealed class WasiCommandTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task EverythingAfterTheModule_GoesToTheGuest_EvenWhatLooksLikeOptions()
    {
        string[] guestArgs = ["--help", "-x", "--fuel", "10", "--", "--dir", "a b", "", "ünï"];

        var run = await CliProcess.RunAsync(None, ["run", "--env", "UNUSED=1", Fixtures.Wasm("hello"), .. guestArgs]);

        // hello prints argv and exits with argc - 1.
        Assert.Equal(guestArgs.Length, run.ExitCode);
        var expected = string.Concat(guestArgs.Select((a, i) => $"arg {i + 1}: {a}\n"));
        Assert.Equal("arg 0: hello.wasm\n" + expected, run.Output);
        Assert.Empty(run.Error);
    }

    [Fact]
    public async Task Argv0_IsTheModulesFileName_AsWasmtimePassesIt_UnlessGiven()
    {
        var byDefault = await CliProcess.RunAsync(None, "run", Fixtures.Wasm("hello"));
        var given = await CliProcess.RunAsync(None, "run", "--argv0", "sensor-app", Fixtures.Wasm("hello"), "x");

        Assert.Equal((0, "arg 0: hello.wasm\n"), (byDefault.ExitCode, byDefault.Output));
        Assert.Equal((1, "arg 0: sensor-app\narg 1: x\n"), (given.ExitCode, given.Output));
    }

    [Fact]
    public async Task ArgumentsAndEnvironment_MatchTheNativeBuild()
    {
        string[] guestArgs = ["--help", "-v", "two words", "", "ünïcødé", "--env", "X=1"];
        var hostOnly = new Dictionary<string, string> { ["EDGEWASM_TEST_FROM_HOST"] = "inherited value" };

        var wasm = await CliProcess.RunAsync(
            ["run", "--env", "GREETING=hello world", "--env", "EMPTY=", "--env", "EQUALS=a=b", "--env", "EDGEWASM_TEST_FROM_HOST",
             "--env", "EDGEWASM_TEST_NOT_SET_ANYWHERE", Fixtures.Wasm("wasi_argsenv"), .. guestArgs],
            stdin: null, hostOnly, None);
        var native = await CliProcess.RunNativeAsync(
            "wasi_argsenv", guestArgs, stdin: null,
            new Dictionary<string, string> { ["GREETING"] = "hello world", ["EMPTY"] = "", ["EQUALS"] = "a=b", ["EDGEWASM_TEST_FROM_HOST"] = "inherited value" },
            None);

        Assert.Equal(native, wasm);
        Assert.Contains("env: EDGEWASM_TEST_FROM_HOST=inherited value\n", wasm.Output, StringComparison.Ordinal);
        Assert.Contains("environ has 4 entries\n", wasm.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("return", "0", 0)]
    [InlineData("return", "3", 3)]
    [InlineData("exit", "42", 42)]
    [InlineData("_exit", "7", 7)]
    [InlineData("exit", "300", 44)]
    public async Task ExitCode_IsTheGuests_AsNatively(string mode, string code, int expected)
    {
        var wasm = await CliProcess.RunAsync(None, "run", Fixtures.Wasm("wasi_exit"), mode, code);
        var native = await CliProcess.RunNativeAsync("wasi_exit", [mode, code], stdin: null, environment: null, None);

        Assert.Equal(expected, wasm.ExitCode);
        Assert.Equal(native, wasm);
    }

    [Fact]
    public async Task Abort_IsATrap_WithItsCodeAndBacktrace_AndExit134LikeNativeSigabrt()
    {
        var wasm = await CliProcess.RunAsync(None, "run", Fixtures.Wasm("wasi_exit"), "abort", "0");
        var native = await CliProcess.RunNativeAsync("wasi_exit", ["abort", "0"], stdin: null, environment: null, None);

        // A process killed by SIGABRT reports 128 + 6; wasmtime exits with that status on a trap.
        Assert.Equal(134, native.ExitCode);
        Assert.Equal((native.ExitCode, native.Output), (wasm.ExitCode, wasm.Output));
        Assert.Contains("trapped: Unreachable", wasm.Error, StringComparison.Ordinal);
        Assert.Matches(@"wasm backtrace:\n  0: func\[\d+\] <abort>\n  1: func\[\d+\] <main>\n", wasm.Error);
    }

    [Theory]
    [InlineData("--timeout", "300ms", "timed out after 300 ms: Interrupted")]
    [InlineData("--fuel", "2000000", "trapped: OutOfFuel")]
    public async Task Limit_StopsAnEndlessLoop_WithItsTrap(string option, string value, string expected)
    {
        var run = await CliProcess.RunAsync(None, "run", option, value, Fixtures.Wasm("wasi_spin"));

        Assert.Equal(134, run.ExitCode);
        Assert.Equal("spinning\n", run.Output);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fuel_ThatSuffices_LetsTheProgramFinish()
    {
        var run = await CliProcess.RunAsync(None, "run", "--fuel", "10000000", Fixtures.Wasm("hello"), "a");

        Assert.Equal((1, "arg 0: hello.wasm\narg 1: a\n", ""), (run.ExitCode, run.Output, run.Error));
    }

    [Theory]
    [InlineData("4MiB", 4)]
    [InlineData("16MiB", 16)]
    public async Task MaxMemory_MakesMallocFailInTheGuest_BelowTheLimit(string limit, int limitMiB)
    {
        var run = await CliProcess.RunAsync(None, "run", "--max-memory", limit, Fixtures.Wasm("wasi_malloc"));

        Assert.True(run.ExitCode == 0, run.ToString());
        var allocated = int.Parse(run.Output.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        // The program's own data, stack and heap bookkeeping take part of the limit; most of it is usable.
        Assert.InRange(allocated, limitMiB - 2, limitMiB - 1);
        Assert.Contains("blocks intact: yes\nmalloc works after freeing: yes\n", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reactor_IsInitializedBeforeTheInvokedExport()
    {
        var run = await CliProcess.RunAsync(None, "run", "--env", "FACTOR=3", "--invoke", "scaled", Fixtures.Wasm("wasi_reactor"), "14");

        Assert.Equal((0, "initialized with factor 3\n42\n", ""), (run.ExitCode, run.Output, run.Error));
    }

    [Fact]
    public async Task Reactor_WithoutInvoke_OnlyInitializes_AsWasmtimeDoes()
    {
        var run = await CliProcess.RunAsync(None, "run", Fixtures.Wasm("wasi_reactor"));

        Assert.Equal((0, "initialized with factor 10\n", ""), (run.ExitCode, run.Output, run.Error));
    }

    [Fact]
    public async Task Help_NamesTheCommandEdgewasm()
    {
        var root = await CliProcess.RunAsync(None, "--help");
        var run = await CliProcess.RunAsync(None, "run", "--help");

        Assert.Equal(0, root.ExitCode);
        Assert.Contains("edgewasm [command] [options]", root.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("EdgeWasm.Cli", root.Output, StringComparison.Ordinal);
        Assert.Contains("edgewasm run <module> [<args>...] [options]", run.Output, StringComparison.Ordinal);
        Assert.Contains("--dir <HOST::GUEST[:ro]>", run.Output, StringComparison.Ordinal);
    }
}
