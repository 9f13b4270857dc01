using EdgeWasm.Runtime.Errors;
using EdgeWasm.TestSupport;

namespace EdgeWasm.Runtime.Tests.Wasi.Programs;

/// <summary>
/// The same C source built for wasm32-wasi (run under the engine) and natively with glibc must behave the same:
/// identical stdout, stderr and exit code.
/// </summary>
public sealed class NativeComparisonTests
{
    private static CancellationToken Cancel => CancellationToken.None;

    [Fact]
    public async Task Hello_PrintsItsArgumentsAndExitsWithTheirCount()
    {
        var wasm = new WasmProgram("hello") { Arguments = { "one", "two" } }.Run();
        Assert.Equal(2, wasm.ExitCode);
        Assert.Equal("arg 0: hello\narg 1: one\narg 2: two\n", wasm.Stdout);
        var native = await new NativeProgram("hello") { Arguments = { "one", "two" } }.RunAsync(Cancel);
        Assert.Equal(native.ExitCode, wasm.ExitCode);
    }

    [Fact]
    public async Task FileIo_MatchesNative()
    {
        using var wasmDirectory = new TempDirectory();
        using var nativeDirectory = new TempDirectory();
        var wasm = new WasmProgram("wasi_fileio")
        {
            Arguments = { "/scratch" },
            Configure = c => c.WithPreopenedDirectory(wasmDirectory.Path, "/scratch"),
        }.Run();
        var native = await new NativeProgram("wasi_fileio") { Arguments = { nativeDirectory.Path } }.RunAsync(Cancel);
        AssertSame(native, wasm);
        Assert.EndsWith("done\n", wasm.Stdout, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(wasmDirectory.Path));
    }

    [Fact]
    public async Task Clocks_MatchNative()
    {
        var wasm = new WasmProgram("wasi_clocks").Run();
        var native = await new NativeProgram("wasi_clocks").RunAsync(Cancel);
        AssertSame(native, wasm);
        Assert.DoesNotContain("FAILED", wasm.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Random_MatchesNative()
    {
        var wasm = new WasmProgram("wasi_random").Run();
        var native = await new NativeProgram("wasi_random").RunAsync(Cancel);
        AssertSame(native, wasm);
        Assert.DoesNotContain("no", wasm.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ArgsAndEnvironment_MatchNative()
    {
        string[] arguments = ["plain", "with spaces", "", "ünïcødé", "--flag=value"];
        KeyValuePair<string, string>[] environment = [new("GREETING", "hello, world"), new("EMPTY", ""), new("PATH", "/bin:/usr/bin")];
        var wasm = new WasmProgram("wasi_argsenv");
        var native = new NativeProgram("wasi_argsenv");
        wasm.Arguments.AddRange(arguments);
        native.Arguments.AddRange(arguments);
        wasm.Environment.AddRange(environment);
        native.Environment.AddRange(environment);
        var wasmRun = wasm.Run();
        AssertSame(await native.RunAsync(Cancel), wasmRun);
        Assert.Contains("getenv(GREETING)=[hello, world]", wasmRun.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("return", 0)]
    [InlineData("return", 3)]
    [InlineData("exit", 0)]
    [InlineData("exit", 42)]
    [InlineData("exit", 255)]
    [InlineData("_exit", 7)]
    public async Task ExitCodes_MatchNative(string route, int code)
    {
        var wasm = new WasmProgram("wasi_exit") { Arguments = { route, code.ToString(System.Globalization.CultureInfo.InvariantCulture) } }.Run();
        var native = await new NativeProgram("wasi_exit") { Arguments = { route, code.ToString(System.Globalization.CultureInfo.InvariantCulture) } }.RunAsync(Cancel);
        AssertSame(native, wasm);
        Assert.Equal(code, wasm.ExitCode);
    }

    [Fact]
    public async Task Abort_IsATrapUnderWasiWhereNativeDiesBySignal()
    {
        // wasi-libc's abort() executes `unreachable`; natively glibc raises SIGABRT (status 128 + 6).
        var wasm = new WasmProgram("wasi_exit") { Arguments = { "abort", "1" } }.Run();
        var native = await new NativeProgram("wasi_exit") { Arguments = { "abort", "1" } }.RunAsync(Cancel);
        Assert.Equal(TrapCode.Unreachable, wasm.Trap?.Code);
        Assert.Equal(134, native.ExitCode);
        Assert.Equal(native.Stdout, wasm.Stdout);
    }

    internal static void AssertSame(ProgramRun native, ProgramRun wasm)
    {
        Assert.Null(wasm.Trap);
        Assert.Equal(native.Stdout, wasm.Stdout);
        Assert.Equal(native.Stderr, wasm.Stderr);
        Assert.Equal(native.ExitCode, wasm.ExitCode);
    }
}
