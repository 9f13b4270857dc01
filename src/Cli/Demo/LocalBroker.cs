using System.Globalization;

namespace EdgeWasm.Cli.Demo;

/// <summary>A private mosquitto for the demo on a free loopback port, anonymous, its persistence in the demo's folder.</summary>
internal static class LocalBroker
{
    /// <summary>Writes the configuration into <paramref name="directory"/>, starts mosquitto and waits until it accepts connections.</summary>
    public static async Task<(ChildProcessHandle Process, int Port)> StartAsync(string directory, string logPath, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var port = LoopbackPort.Free();
        var config = Path.Combine(directory, "mosquitto.conf");
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"listener {port} 127.0.0.1"),
            "allow_anonymous true",
            "persistence true",
            $"persistence_location {directory}/",
            // Three devices' status during an outage must not be dropped by the default queue limit of 1000.
            "max_queued_messages 100000",
            "log_dest stdout",
            "log_type error",
            "log_type warning",
            "log_type notice",
        };
        // Run as root, mosquitto would switch to the mosquitto user, which cannot write the demo's folder.
        if (Environment.UserName == "root") lines.Add("user root");
        await File.WriteAllLinesAsync(config, lines, cancellationToken);
        var process = ChildProcessHandle.Start("mosquitto", "mosquitto", ["-c", config], logPath);
        try
        {
            await LoopbackPort.WaitUntilListeningAsync(port, process, TimeSpan.FromSeconds(20), cancellationToken);
        }
        catch
        {
            process.Dispose();
            throw;
        }

        return (process, port);
    }
}
