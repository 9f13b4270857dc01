using EdgeWasm.EdgeAgent.Profiles;
using EdgeWasm.Protocol.Profiles;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeWasm.EdgeAgent.Hosting;

/// <summary>
/// Composes the agent as a Generic Host: configuration from <c>EDGEWASM_</c> environment variables, the command line
/// (<see cref="Switches"/>) and settings given by a caller (the <c>edgewasm agent</c> command, tests), then the store,
/// profile, module cache, supervisor and desired-state source. SIGTERM and Ctrl+C stop it gracefully.
/// </summary>
internal static class AgentHost
{
    /// <summary>Exit code when the agent cannot start with the configuration it was given.</summary>
    public const int BadConfiguration = 2;

    /// <summary>Exit code when the agent failed while starting or running.</summary>
    public const int Failed = 1;

    /// <summary>The command-line switches and the configuration keys they set.</summary>
    public static IReadOnlyDictionary<string, string> Switches { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["--device"] = "Agent:DeviceId",
        ["--data"] = "Agent:DataDirectory",
        ["--desired"] = "Agent:DesiredFile",
        ["--mqtt"] = "Agent:Mqtt",
        ["--mqtt-ca"] = "Agent:MqttCa",
        ["--heartbeat"] = "Agent:Heartbeat",
        ["--iothub"] = "Agent:IotHub",
        ["--iothub-host"] = "Agent:IotHubHost",
        ["--iothub-cert"] = "Agent:IotHubCertificate",
        ["--iothub-key"] = "Agent:IotHubKey",
        ["--iothub-ca"] = "Agent:IotHubCa",
        ["--advertise-address"] = "Agent:AdvertiseAddress",
        ["--profile"] = "Profile:Name",
        ["--profiles"] = "Profile:Directory",
    };

    /// <summary>Builds the host; <paramref name="configure"/> may replace services (tests give a clock).</summary>
    public static IHost Build(string[] args, IEnumerable<KeyValuePair<string, string?>>? settings = null, Action<IServiceCollection>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddEnvironmentVariables("EDGEWASM_");
        builder.Configuration.AddCommandLine(args, Switches.ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal));
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss.fff ";
        });

        var configuration = builder.Configuration;
        var agent = configuration.GetSection("Agent").Get<AgentOptions>() ?? new AgentOptions();
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<AgentOptions>().Bind(configuration.GetSection("Agent")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AgentOptions>, AgentOptionsValidator>();
        services.AddHardwareProfile(configuration.GetSection("Profile"));
        services.AddAgentStore(configuration.GetSection("Store"));
        services.AddModuleCache(configuration.GetSection("Registry"));
        // The device announcer runs first: it refuses a store that belongs to another device before anything uses it.
        services.AddHostedService<DeviceAnnouncer>();
        services.AddDesiredSource(agent);
        services.AddSupervisor(configuration.GetSection("Supervisor"));
        configure?.Invoke(services);
        return builder.Build();
    }

    /// <summary>Runs the agent until SIGTERM, Ctrl+C or <paramref name="cancellationToken"/>; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, IEnumerable<KeyValuePair<string, string?>>? settings, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        IHost? host = null;
        try
        {
            host = Build(args, settings);
            var options = host.Services.GetRequiredService<IOptions<AgentOptions>>().Value;
            var profile = host.Services.GetRequiredService<IOptions<ProfileOptions>>().Value;
            var logger = host.Services.GetRequiredService<ILogger<AgentOptions>>();
            var source = DesiredSourceRegistration.Describe(options);
            AgentLog.Starting(logger, DeviceAnnouncer.AgentVersion, options.DeviceId, profile.Name, options.DataDirectory, source);
            await host.RunAsync(cancellationToken).ConfigureAwait(false);
            AgentLog.Stopped(logger);
            return 0;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested || host?.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested == true)
        {
            // SIGTERM (or the caller) stopped the agent while it was still starting: a clean stop all the same.
            return 0;
        }
        catch (OptionsValidationException ex)
        {
            foreach (var failure in ex.Failures) await error.WriteLineAsync($"edgewasm agent: {failure}").ConfigureAwait(false);
            return BadConfiguration;
        }
        catch (Exception ex) when (ex is ProfileException or FormatException or ArgumentException)
        {
            // A profile that is missing or broken, or a value the binder cannot convert (a heartbeat that is not a time span).
            await error.WriteLineAsync($"edgewasm agent: {ex.Message}").ConfigureAwait(false);
            return BadConfiguration;
        }
        catch (InvalidOperationException ex)
        {
            await error.WriteLineAsync($"edgewasm agent: cannot start: {ex.Message}").ConfigureAwait(false);
            return Failed;
        }
        finally
        {
            host?.Dispose();
        }
    }
}
