using System.Diagnostics;
using System.Reflection.PortableExecutable;
using System.Text.Json;
using EdgeWasm.TestSupport;

namespace EdgeWasm.EdgeAgent.Tests.Hosting;

/// <summary>
/// The agent publishes as one portable, framework-dependent folder: managed code for any CPU, SQLite natives for
/// linux-arm64 and linux-arm (a Pi 4/5 and a Zero 2 W), no launcher tied to the build machine, profiles included.
/// libmosquitto is not bundled: it comes from the distribution (libmosquitto1).
/// </summary>
public sealed class PublishTests
{
    [Fact]
    public async Task ThePublishOutput_RunsOnArm64AndArm()
    {
        using var output = new TempDirectory("edgewasm-publish");
        var project = Path.Combine(Fixtures.RepoRoot, "src", "EdgeAgent", "EdgeAgent.csproj");
        var (exitCode, log) = await RunAsync(DotNetHost.Path, "publish", project, "-c", "Release", "-o", output.Path, "--nologo", "-v", "q");
        Assert.True(exitCode == 0, log);

        Assert.Equal(183, ElfMachine(output.Combine("runtimes", "linux-arm64", "native", "libe_sqlite3.so"), out var arm64Class));
        Assert.Equal(2, arm64Class);
        Assert.Equal(40, ElfMachine(output.Combine("runtimes", "linux-arm", "native", "libe_sqlite3.so"), out var armClass));
        Assert.Equal(1, armClass);

        var runtimeConfig = JsonDocument.Parse(File.ReadAllText(output.Combine("EdgeWasm.EdgeAgent.runtimeconfig.json"))).RootElement.GetProperty("runtimeOptions");
        Assert.Equal("Microsoft.NETCore.App", runtimeConfig.GetProperty("framework").GetProperty("name").GetString());
        Assert.False(runtimeConfig.TryGetProperty("includedFrameworks", out _), "not self-contained");
        var target = JsonDocument.Parse(File.ReadAllText(output.Combine("EdgeWasm.EdgeAgent.deps.json"))).RootElement.GetProperty("runtimeTarget").GetProperty("name").GetString();
        Assert.DoesNotContain("/", target, StringComparison.Ordinal);
        Assert.False(File.Exists(output.Combine("EdgeWasm.EdgeAgent")), "no apphost for the build machine's architecture");

        var assemblies = Directory.GetFiles(output.Path, "*.dll");
        Assert.Contains(assemblies, a => Path.GetFileName(a) == "EdgeWasm.Runtime.dll");
        Assert.All(assemblies, assembly =>
        {
            using var pe = new PEReader(File.OpenRead(assembly));
            var flags = pe.PEHeaders.CorHeader!.Flags;
            Assert.True(pe.PEHeaders.CoffHeader.Machine == Machine.I386 && flags.HasFlag(CorFlags.ILOnly) && !flags.HasFlag(CorFlags.Requires32Bit),
                $"{Path.GetFileName(assembly)} is not portable IL ({pe.PEHeaders.CoffHeader.Machine}, {flags})");
        });
        Assert.Empty(Directory.GetFiles(output.Path, "libmosquitto*", SearchOption.AllDirectories));
        Assert.Contains(Directory.GetFiles(output.Combine("profiles")), p => Path.GetFileName(p) == "raspberry-pi-zero-2w.json");
    }

    // e_machine of an ELF file (183 aarch64, 40 arm), and its class (1 = 32-bit, 2 = 64-bit).
    private static int ElfMachine(string path, out int elfClass)
    {
        var header = new byte[20];
        using (var file = File.OpenRead(path)) file.ReadExactly(header);
        Assert.True(header.AsSpan(0, 4).SequenceEqual("\u007fELF"u8), $"{path} is not an ELF file");
        elfClass = header[4];
        return header[18] | (header[19] << 8);
    }

    private static async Task<(int ExitCode, string Log)> RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
