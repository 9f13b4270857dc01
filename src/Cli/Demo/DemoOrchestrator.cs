using System.Globalization;

namespace EdgeWasm.Cli.Demo;

/// <summary>
/// Runs the demo: a private broker and registry on free loopback ports, the examples compiled and pushed, the bridge
/// (static pods from the rewritten examples, or a real cluster), three agents as child processes, and the live table
/// until Ctrl+C, the chosen duration, or every example settled. Whatever happens, it stops what it started, newest
/// first (agents, bridge, registry, broker), and removes its folder unless asked to keep it.
/// </summary>
internal sealed class DemoOrchestrator(DemoSettings settings, TextWriter output, TextWriter progress, TimeProvider time)
{
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(1);
    private readonly List<ChildProcessHandle> _children = [];

    /// <summary>Runs the demo; the exit code is 0 unless a non-interactive run did not settle or something failed.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var work = settings.WorkDirectory ?? Directory.CreateTempSubdirectory("edgewasm-demo-").FullName;
        var logs = Path.Combine(work, "logs");
        Directory.CreateDirectory(logs);
        try
        {
            var examples = ExampleCatalog.Load(Path.Combine(settings.Root, "examples"), DemoDevice.All);
            Say($"demo folder {work} (logs in {logs})");

            var (broker, brokerPort) = await LocalBroker.StartAsync(Path.Combine(work, "broker"), Path.Combine(logs, "mosquitto.log"), cancellationToken);
            _children.Add(broker);
            var mqtt = "mqtt://127.0.0.1:" + brokerPort.ToString(CultureInfo.InvariantCulture);
            Say($"broker     {mqtt}");

            var (registryProcess, registry) = await LocalRegistry.StartAsync(Path.Combine(work, "registry"), Path.Combine(logs, "registry.log"), cancellationToken);
            _children.Add(registryProcess);
            Say($"registry   http://{registry}");

            var build = Path.Combine(work, "build");
            await ExamplePublisher.BuildAsync(Path.Combine(settings.Root, "examples"), build, cancellationToken);
            foreach (var example in examples)
            {
                await ExamplePublisher.PushAsync(example, build, registry, cancellationToken);
            }

            Say($"examples   {examples.Count} compiled and pushed: {string.Join(", ", examples.Select(e => e.Name))}");

            var manifests = WriteManifests(examples, Path.Combine(work, "manifests"), registry);
            using var cluster = settings.Kubeconfig is { } kubeconfig ? new ClusterPods(kubeconfig, settings.Context, time) : null;
            if (cluster is not null)
            {
                await cluster.ApplyAsync(manifests, cancellationToken);
                Say($"cluster    the example pods created in the cluster (context {settings.Context ?? "current"})");
            }

            var statusFile = Path.Combine(work, "bridge", "status.json");
            StartBridge(work, logs, mqtt, registry, manifests, statusFile);
            foreach (var device in DemoDevice.All)
            {
                StartAgent(device, work, logs, mqtt);
            }

            Say($"devices    {string.Join(", ", DemoDevice.All.Select(d => $"{d.Id} ({d.Profile})"))}");
            IStatusSource status = cluster is null ? new StatusFileSource(statusFile) : cluster;
            try
            {
                return await WatchAsync(examples, status, cancellationToken);
            }
            finally
            {
                if (cluster is not null && !settings.Keep)
                {
                    // The demo's pods go with it; the bridge is still running, so the devices stop them cleanly.
                    await cluster.DeleteAsync(CancellationToken.None);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return 0;
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or FormatException or UnauthorizedAccessException
                                       or HttpRequestException or EdgeAgent.Modules.Oci.ImageException or CloudBridge.Kubernetes.KubeApiException)
        {
            await progress.WriteLineAsync("edgewasm demo: " + ex.Message);
            return 1;
        }
        finally
        {
            await StopAllAsync(CancellationToken.None);
            if (settings.Keep || settings.WorkDirectory is not null)
            {
                Say($"kept {work}");
            }
            else
            {
                TryDelete(work);
            }
        }
    }

    private async Task<int> WatchAsync(IReadOnlyList<ExamplePod> examples, IStatusSource status, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var interactive = !settings.IsNonInteractive;
        var limit = settings.Duration ?? (settings.UntilSettled ? settings.Timeout : (TimeSpan?)null);
        Say(interactive ? "running; Ctrl+C stops the demo" : $"waiting up to {limit!.Value.TotalSeconds:0} s for the examples to settle");
        string? shown = null;
        while (true)
        {
            var snapshot = await status.ReadAsync(cancellationToken);
            var settled = StatusTable.IsSettled(examples, snapshot);
            var table = StatusTable.Render(examples, snapshot, time.GetUtcNow());
            if (interactive && table != shown)
            {
                // Home and clear, then the table: refreshed in place in a terminal.
                await output.WriteAsync(Console.IsOutputRedirected ? table + Environment.NewLine : "\u001b[H\u001b[2J" + table);
                await output.FlushAsync(cancellationToken);
                shown = table;
            }

            var elapsed = time.GetUtcNow() - started;
            if ((settings.UntilSettled && settled) || (limit is { } l && elapsed >= l))
            {
                await output.WriteAsync(table);
                Say(settled ? $"every example reached its expected state after {elapsed.TotalSeconds:0} s" : "not every example reached its expected state");
                return settled ? 0 : 1;
            }

            if (_children.FirstOrDefault(c => c.HasExited) is { } ended)
            {
                await output.WriteAsync(table);
                throw new InvalidOperationException($"{ended.Name} ended unexpectedly with exit code {ended.ExitCode} (see its log)");
            }

            await Task.Delay(Refresh, time, cancellationToken);
        }
    }

    private string WriteManifests(IReadOnlyList<ExamplePod> examples, string directory, string registry)
    {
        Directory.CreateDirectory(directory);
        foreach (var example in examples)
        {
            var manifest = ExampleCatalog.Rewrite(example, registry, port =>
            {
                var free = LoopbackPort.Free();
                Say($"           {example.Name}: containerPort {port} listens on 127.0.0.1:{free} on {example.Device.Id}");
                return free;
            });
            File.WriteAllText(Path.Combine(directory, example.Name + ".yaml"), manifest);
        }

        return directory;
    }

    private void StartBridge(string work, string logs, string mqtt, string registry, string manifests, string statusFile)
    {
        var (program, prefix) = CliInvocation.Current();
        var args = new List<string>(prefix) { "bridge", "--mqtt", mqtt, "--no-discover", "--data-dir", Path.Combine(work, "bridge"), "--insecure-registry", registry };
        args.AddRange(["--listen", "127.0.0.1:" + LoopbackPort.Free().ToString(CultureInfo.InvariantCulture), "--heartbeat-timeout", "15s"]);
        if (settings.Kubeconfig is { } kubeconfig)
        {
            args.AddRange(["--kubeconfig", kubeconfig]);
            if (settings.Context is { } context) args.AddRange(["--context", context]);
        }
        else
        {
            args.AddRange(["--manifests", manifests, "--status-file", statusFile]);
        }

        foreach (var device in DemoDevice.All) args.AddRange(["--device", $"{device.Id}={device.Profile}"]);
        _children.Add(ChildProcessHandle.Start("bridge", program, args, Path.Combine(logs, "bridge.log")));
    }

    private void StartAgent(DemoDevice device, string work, string logs, string mqtt)
    {
        var (program, prefix) = CliInvocation.Current();
        var data = Path.Combine(work, "devices", device.Id);
        Directory.CreateDirectory(data);
        var args = new List<string>(prefix) { "agent", "--device", device.Id, "--profile", device.Profile, "--data", data, "--mqtt", mqtt, "--heartbeat", "3s" };
        // Workloads' ports (http-hello) on loopback only: the demo keeps all its traffic on this machine.
        var environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["EDGEWASM_Supervisor__ListenAddress"] = "127.0.0.1" };
        _children.Add(ChildProcessHandle.Start("agent " + device.Id, program, args, Path.Combine(logs, $"agent-{device.Id}.log"), environment));
    }

    private async Task StopAllAsync(CancellationToken cancellationToken)
    {
        // Newest first: the agents stop their workloads while the broker still carries their last reports. At most
        // 20 s + 3 × 10 s, within the minute System.CommandLine waits after Ctrl+C before it lets the process end.
        var agents = _children.Where(c => c.Name.StartsWith("agent ", StringComparison.Ordinal)).ToList();
        await Task.WhenAll(agents.Select(a => a.StopAsync(TimeSpan.FromSeconds(20), cancellationToken)));
        foreach (var child in Enumerable.Reverse(_children).Except(agents))
        {
            await child.StopAsync(TimeSpan.FromSeconds(10), cancellationToken);
        }

        foreach (var child in _children) child.Dispose();
        _children.Clear();
    }

    private void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Say($"could not remove {directory}: {ex.Message}");
        }
    }

    private void Say(string line) => progress.WriteLine("edgewasm demo: " + line);
}
