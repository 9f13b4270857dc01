namespace EdgeWasm.Cli.Demo;

/// <summary>A private OCI registry (docker-registry, distribution 2.x) for the demo on a free loopback port, its storage in the demo's folder.</summary>
internal static class LocalRegistry
{
    /// <summary>Writes the configuration into <paramref name="directory"/>, starts the registry and waits until <c>/v2/</c> answers.</summary>
    public static async Task<(ChildProcessHandle Process, string Host)> StartAsync(string directory, string logPath, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var host = "127.0.0.1:" + LoopbackPort.Free().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var config = Path.Combine(directory, "config.yml");
        string[] lines =
        [
            "version: 0.1",
            "log: {level: warn, accesslog: {disabled: true}}",
            "storage: {filesystem: {rootdirectory: \"" + Path.Combine(directory, "storage") + "\"}, delete: {enabled: true}}",
            "http: {addr: \"" + host + "\", secret: edgewasm-demo}",
        ];
        await File.WriteAllLinesAsync(config, lines, cancellationToken);
        var process = ChildProcessHandle.Start("docker-registry", "docker-registry", ["serve", config], logPath);
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (true)
            {
                try
                {
                    using var response = await http.GetAsync(new Uri($"http://{host}/v2/"), cancellationToken);
                    if (response.IsSuccessStatusCode) return (process, host);
                }
                catch (HttpRequestException) when (!process.HasExited && DateTime.UtcNow < deadline)
                {
                    // Not listening yet.
                }
                catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested && !process.HasExited && DateTime.UtcNow < deadline)
                {
                    // A slow first answer.
                }

                if (process.HasExited) throw new InvalidOperationException($"docker-registry ended with exit code {process.ExitCode} (see {logPath})");
                if (DateTime.UtcNow > deadline) throw new InvalidOperationException($"docker-registry did not answer on {host} within 30 s (see {logPath})");
                await Task.Delay(100, cancellationToken);
            }
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }
}
