using EdgeWasm.Runtime.Wasi.Abi;
using EdgeWasm.TestSupport;

namespace EdgeWasm.Runtime.Tests.Wasi.Programs;

/// <summary>A compiled C program tries every escape route with raw WASI calls and through wasi-libc.</summary>
public sealed class SandboxProgramTests : IDisposable
{
    private readonly TempDirectory _outer = new("edgewasm-sandbox-program");

    public SandboxProgramTests()
    {
        Directory.CreateDirectory(_outer.Combine("data", "sub"));
        Directory.CreateDirectory(_outer.Combine("config"));
        File.WriteAllText(_outer.Combine("secret"), "host secret");
        File.WriteAllText(_outer.Combine("data", "inside.txt"), "inside");
        File.WriteAllText(_outer.Combine("config", "config.txt"), "setting=1");
        File.CreateSymbolicLink(_outer.Combine("data", "abs-link"), _outer.Combine("secret"));
        File.CreateSymbolicLink(_outer.Combine("data", "up-link"), "../secret");
        Directory.CreateSymbolicLink(_outer.Combine("data", "outdir-link"), "..");
    }

    [Fact]
    public void EveryRouteOutIsRefusedWithTheErrnoWasmtimeReturns()
    {
        var run = new WasmProgram("wasi_sandbox")
        {
            Configure = c => c.WithPreopenedDirectory(_outer.Combine("data"), "/data")
                .WithPreopenedDirectory(_outer.Combine("config"), "/config", readOnly: true),
        }.Run();
        Assert.Equal(0, run.ExitCode);
        var results = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(": ", 2))
            .ToDictionary(parts => parts[0], parts => parts[1]);

        var perm = ((int)Errno.Perm).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(perm, results["absolute path"]);
        Assert.Equal(perm, results["dotdot above preopen"]);
        Assert.Equal(perm, results["dotdot after subdir"]);
        Assert.Equal("0", results["dotdot inside preopen"]);
        Assert.Equal(perm, results["host symlink absolute"]);
        Assert.Equal(perm, results["host symlink relative out"]);
        Assert.Equal(perm, results["host symlink in middle"]);
        Assert.Equal(perm, results["guest symlink absolute"]);
        Assert.Equal(perm, results["guest symlink out"]);
        Assert.Equal("0", results["guest symlink inside"]);
        Assert.Equal("0", results["guest symlink inside followed"]);
        Assert.Equal("0", results["move guest symlink up"]);
        Assert.Equal(perm, results["moved guest symlink followed"]);
        Assert.Equal("0", results["read-only read"]);
        foreach (var route in new[] { "read-only open for write", "read-only create", "read-only mkdir", "read-only unlink", "read-only rename", "read-only symlink" })
        {
            Assert.Equal(perm, results[route]);
        }

        Assert.Equal("refused", results["libc fopen dotdot"]);
        Assert.Equal("refused", results["libc fopen outside preopens"]);
        Assert.Equal("refused", results["libc fopen read-only for append"]);

        Assert.Equal("host secret", File.ReadAllText(_outer.Combine("secret")));
        Assert.Equal(["config.txt"], Directory.EnumerateFileSystemEntries(_outer.Combine("config")).Select(Path.GetFileName));
        Assert.Equal(["abs-link", "inside.txt", "moved-link", "outdir-link", "sub", "up-link"],
            Directory.EnumerateFileSystemEntries(_outer.Combine("data")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void BadPointersGetEfaultAndTheProgramCarriesOn()
    {
        using var scratch = new TempDirectory();
        var run = new WasmProgram("wasi_badptr") { Configure = c => c.WithPreopenedDirectory(scratch.Path, "/scratch") }.Run();
        Assert.Equal(0, run.ExitCode);
        var fault = ((int)Errno.Fault).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(7, lines.Length);
        Assert.All(lines[..6], line => Assert.EndsWith(": " + fault, line, StringComparison.Ordinal));
        Assert.Equal("still running", lines[6]);
    }

    public void Dispose() => _outer.Dispose();
}
