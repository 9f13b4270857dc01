using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using EdgeWasm.Protocol.Profiles;

namespace EdgeWasm.Cli.Calibrate;

/// <summary>
/// <c>edgewasm calibrate [--seconds 3] [--rounds 3] [--profile NAME]</c>: measures fuel per core-second on this machine
/// and prints the figures a hardware profile needs (fuelPerCoreSecond, and a default CPU share of a tenth of a core).
/// </summary>
internal static class CalibrateCommand
{
    /// <summary>The default CPU share of a workload that sets none: a tenth of a core, as the shipped profiles do.</summary>
    public const int DefaultShareMillicores = 100;

    /// <summary>Builds the <c>calibrate</c> command.</summary>
    public static Command Create()
    {
        var seconds = new Option<double>("--seconds") { Description = "How long each round runs.", DefaultValueFactory = _ => 3 };
        var rounds = new Option<int>("--rounds") { Description = "How many rounds; the median counts.", DefaultValueFactory = _ => 3 };
        var profile = new Option<string?>("--profile") { Description = "Print the whole profile NAME with the measured figures in it.", HelpName = "NAME" };
        var command = new Command("calibrate", "Measure fuel per core-second on this machine and print a hardware profile snippet.")
        {
            seconds, rounds, profile,
        };
        command.SetAction(parse => Run(parse.GetValue(seconds), parse.GetValue(rounds), parse.GetValue(profile), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(double seconds, int rounds, string? profileName, TextWriter output, TextWriter error)
    {
        if (seconds is < 0.1 or > 600 || rounds is < 1 or > 100)
        {
            error.WriteLine("edgewasm calibrate: --seconds must be 0.1..600 and --rounds 1..100");
            return 2;
        }

        HardwareProfile? profile = null;
        if (profileName is not null)
        {
            try
            {
                profile = new ProfileLoader(ProfileLoader.DefaultDirectory).Load(profileName);
            }
            catch (ProfileException ex)
            {
                error.WriteLine($"edgewasm calibrate: {ex.Message}");
                return 2;
            }
        }

        error.WriteLine($"Running the calibration kernel: {rounds} rounds of {seconds.ToString(CultureInfo.InvariantCulture)} s on one thread...");
        Calibration.Result result;
        using (var signals = new Run.TerminationSignals())
        {
            try
            {
                result = Calibration.Measure(TimeSpan.FromSeconds(seconds), rounds, signals.Token);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C or SIGTERM: stop at once, as a shell expects, with 128 + the signal.
                error.WriteLine("edgewasm calibrate: interrupted");
                return signals.ExitCode;
            }
        }

        var share = result.FuelPerCoreSecond * DefaultShareMillicores / 1000;
        error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{RuntimeInformation.ProcessArchitecture}, {Environment.ProcessorCount} cores: {result.FuelPerCoreSecond:N0} fuel per core-second (rounds: {string.Join(", ", result.Rounds.Select(r => r.ToString("N0", CultureInfo.InvariantCulture)))}; {result.FuelPerWallSecond:N0} per wall-clock second)"));
        if (profile is null)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"\"fuelPerCoreSecond\": {result.FuelPerCoreSecond},"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"\"defaultLimits\": {{ \"fuelPerSecond\": {share} }}"));
            return 0;
        }

        var calibrated = profile with
        {
            FuelPerCoreSecond = result.FuelPerCoreSecond,
            DefaultLimits = profile.DefaultLimits with { FuelPerSecond = share },
        };
        output.WriteLine(System.Text.Json.JsonSerializer.Serialize(calibrated, ProfileJsonContext.Default.HardwareProfile));
        return 0;
    }
}
