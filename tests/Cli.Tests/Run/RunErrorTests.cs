using EdgeWasm.TestSupport;

namespace EdgeWasm.Cli.Tests.Run;

/// <summary>What <c>edgewasm run</c> says, and that it exits 1, when the module or an option is wrong.</summary>
public sealed class RunErrorTests : IDisposable
{
    private readonly TempDirectory _folder = new("edgewasm-cli-errors");

    [Fact]
    public async Task MissingFile_NamesIt()
    {
        var run = await CliProcess.RunAsync(CancellationToken.None, "run", "/nonexistent/app.wasm");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("edgewasm run: failed to read module \"/nonexistent/app.wasm\": ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedModule_IsADecodeError_WithItsOffset()
    {
        // A type section whose only entry has form 0x61 instead of 0x60 (func).
        var path = Write("malformed.wasm", Section(1, 0x01, 0x61, 0x00, 0x00));

        var run = await CliProcess.RunAsync(CancellationToken.None, "run", path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"\"{path}\" is not a well-formed wasm module: ", run.Error, StringComparison.Ordinal);
        Assert.Contains("at offset 0xb in section type", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidModule_IsAValidationError_WithTheFunctionIndex()
    {
        // func [] -> [i32] whose body leaves an i64.
        var path = Write(
            "invalid.wasm",
            [.. Section(1, 0x01, 0x60, 0x00, 0x01, 0x7F), .. Section(3, 0x01, 0x00), .. Section(10, 0x01, 0x04, 0x00, 0x42, 0x00, 0x0B)]);

        var run = await CliProcess.RunAsync(CancellationToken.None, "run", path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"\"{path}\" is not a valid wasm module: type mismatch", run.Error, StringComparison.Ordinal);
        Assert.Contains("in section code, function 0)", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownImport_IsALinkError_NamingModuleAndName()
    {
        // (import "env" "read_sensor" (func)) and nothing else.
        byte[] import = [0x01, 0x03, .. "env"u8, 0x0B, .. "read_sensor"u8, 0x00, 0x00];
        var path = Write("import.wasm", [.. Section(1, 0x01, 0x60, 0x00, 0x00), .. Section(2, import)]);

        var run = await CliProcess.RunAsync(CancellationToken.None, "run", path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"failed to instantiate \"{path}\": unknown import: env.read_sensor", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--dir", "a::b::c", "--dir \"a::b::c\" has more than one \"::\"")]
    [InlineData("--dir", "::/data", "--dir \"::/data\" has an empty host directory")]
    [InlineData("--dir", "/tmp:::ro", "--dir \"/tmp:::ro\" has an empty guest path")]
    [InlineData("--dir", "/nonexistent-dir::/data", "--dir: host directory \"/nonexistent-dir\" does not exist")]
    [InlineData("--env", "=value", "--env \"=value\" has no variable name")]
    [InlineData("--tcplisten", "8080", "--tcplisten \"8080\" is not HOST:PORT")]
    [InlineData("--tcplisten", "::1:8080", "--tcplisten \"::1:8080\" is not HOST:PORT")]
    [InlineData("--tcplisten", "127.0.0.1:http", "--tcplisten \"127.0.0.1:http\" has no valid port")]
    [InlineData("--tcplisten", "127.0.0.1:65536", "--tcplisten \"127.0.0.1:65536\" has no valid port")]
    [InlineData("--tcplisten", "no-such-host.invalid:80", "--tcplisten \"no-such-host.invalid:80\": failed to bind: ")]
    [InlineData("--max-memory", "lots", "--max-memory \"lots\" is not a size")]
    [InlineData("--timeout", "soon", "--timeout \"soon\" is not a duration")]
    public async Task BadOptionValue_IsAClearError_AndNothingRuns(string option, string value, string expected)
    {
        var run = await CliProcess.RunAsync(CancellationToken.None, "run", option, value, Fixtures.Wasm("hello"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("edgewasm run: " + expected, run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task EveryBadValue_IsReported_NotOnlyTheFirst()
    {
        var run = await CliProcess.RunAsync(CancellationToken.None, "run", "--dir", "a::b::c", "--env", "=x", "--tcplisten", "nope", Fixtures.Wasm("hello"));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(3, run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    // Sections here stay under 128 bytes, so their size is a one-byte LEB128.
    private static byte[] Section(byte id, params byte[] content) =>
        content.Length < 0x80 ? [id, (byte)content.Length, .. content] : throw new ArgumentOutOfRangeException(nameof(content));

    private string Write(string name, byte[] sections)
    {
        var path = _folder.Combine(name);
        File.WriteAllBytes(path, [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00, .. sections]);
        return path;
    }

    public void Dispose() => _folder.Dispose();
}
