using System.Diagnostics;
using EdgeWasm.EdgeAgent.Modules.Oci;
using EdgeWasm.Protocol.Images;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeWasm.Cli.Demo;

/// <summary>Compiles the examples with examples/build.sh and pushes each module to the demo's registry with our own pusher.</summary>
internal static class ExamplePublisher
{
    /// <summary>Builds every example into <paramref name="outputDirectory"/>; a failed build is an error carrying clang's output.</summary>
    public static async Task BuildAsync(string examplesDirectory, string outputDirectory, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(examplesDirectory, "build.sh"));
        start.ArgumentList.Add(outputDirectory);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start bash");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"examples/build.sh failed (exit code {process.ExitCode}; scripts/install-deps.sh installs clang and wasi-libc):\n{await output}{await error}");
        }
    }

    /// <summary>Pushes <paramref name="pod"/>'s module from <paramref name="buildDirectory"/> to <paramref name="registry"/> under the manifest's tag.</summary>
    public static async Task PushAsync(ExamplePod pod, string buildDirectory, string registry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var file = Path.Combine(buildDirectory, pod.Name + ".wasm");
        var target = ImageReference.Parse($"{registry}/{pod.Repository}:{pod.Tag}");
        var options = new RegistryClientOptions();
        options.PlainHttpRegistries.Add(registry);
        using var http = RegistryClient.CreateHttpClient();
        var pusher = new ModulePusher(new RegistryClient(http, options, TimeProvider.System, NullLogger<RegistryClient>.Instance), TimeProvider.System);
        await pusher.PushAsync(await File.ReadAllBytesAsync(file, cancellationToken), target, credential: null, File.GetLastWriteTimeUtc(file), cancellationToken);
    }
}
