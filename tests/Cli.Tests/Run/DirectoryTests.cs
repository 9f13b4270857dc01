using EdgeWasm.TestSupport;

namespace EdgeWasm.Cli.Tests.Run;

/// <summary><c>--dir HOST::GUEST[:ro]</c> and <c>--dir DIR</c>: what the guest may read and write, checked on the host.</summary>
public sealed class DirectoryTests : IDisposable
{
    private readonly TempDirectory _config = new("edgewasm-cli-config");
    private readonly TempDirectory _data = new("edgewasm-cli-data");
    private readonly TempDirectory _native = new("edgewasm-cli-native");

    public DirectoryTests() => File.WriteAllText(_config.Combine("greeting"), "hello from the host");

    [Fact]
    public async Task ReadOnlyDirectory_CanBeRead_ButNotWritten_WhileTheOtherKeepsStateAcrossRuns()
    {
        string[] args = ["run", "--dir", $"{_config.Path}::/config:ro", "--dir", $"{_data.Path}::/data", Fixtures.Wasm("volumes")];

        var first = await CliProcess.RunAsync(CancellationToken.None, args);
        var second = await CliProcess.RunAsync(CancellationToken.None, args);

        Assert.Equal((0, "greeting: hello from the host\nconfig writable: no\nrun 1\n"), (first.ExitCode, first.Output));
        Assert.Equal((0, "greeting: hello from the host\nconfig writable: no\nrun 2\n"), (second.ExitCode, second.Output));
        Assert.False(File.Exists(_config.Combine("written")));
        Assert.Equal("2\n", File.ReadAllText(_data.Combine("runs")));
    }

    [Fact]
    public async Task WithoutTheSuffix_TheSameDirectoryIsWritable()
    {
        var run = await CliProcess.RunAsync(CancellationToken.None, "run", "--dir", $"{_config.Path}::/config", "--dir", $"{_data.Path}::/data", Fixtures.Wasm("volumes"));

        Assert.Equal((0, "greeting: hello from the host\nconfig writable: yes\nrun 1\n"), (run.ExitCode, run.Output));
        Assert.True(File.Exists(_config.Combine("written")));
    }

    [Fact]
    public async Task BareDirectory_KeepsItsHostPath_AndFileIoMatchesTheNativeBuild()
    {
        var native = await CliProcess.RunNativeAsync("wasi_fileio", [_native.Path], stdin: null, environment: null, CancellationToken.None);
        // The guest reaches the directory by its host path, which wasi-libc maps onto the preopen of that name.
        var wasm = await CliProcess.RunAsync(CancellationToken.None, "run", "--dir", _data.Path, Fixtures.Wasm("wasi_fileio"), _data.Path);

        Assert.Equal(0, native.ExitCode);
        Assert.Equal(native, wasm);
        Assert.EndsWith("done\n", wasm.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoDirectory_NoFiles_WasiLibcSaysNoPreopenCovers()
    {
        var run = await CliProcess.RunAsync(CancellationToken.None, "run", Fixtures.Wasm("volumes"));

        Assert.Equal((1, "no greeting: Capabilities insufficient\n"), (run.ExitCode, run.Output));
    }

    public void Dispose()
    {
        _config.Dispose();
        _data.Dispose();
        _native.Dispose();
    }
}
