using EdgeWasm.EdgeAgent.Store;
using EdgeWasm.EdgeAgent.Supervision;
using EdgeWasm.EdgeAgent.Supervision.Loops;
using EdgeWasm.EdgeAgent.Supervision.Running;
using EdgeWasm.Protocol.Profiles;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeWasm.EdgeAgent.Hosting;

/// <summary>Registers the supervisor: its options, state, runtime, and the report, prefetch and apply loops (started in that order, stopped in reverse).</summary>
internal static class SupervisorRegistration
{
    /// <summary>Binds <see cref="SupervisorOptions"/> from <paramref name="section"/>.</summary>
    public static IServiceCollection AddSupervisor(this IServiceCollection services, IConfiguration section)
    {
        services.AddOptions<SupervisorOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SupervisorOptions>>(new CheckedOptionsValidator<SupervisorOptions>("Supervisor", o => o.Validate()));
        services.AddSingleton<SupervisorSignals>();
        services.AddSingleton<WorkloadTable>();
        services.AddSingleton<RestoredStatuses>();
        services.AddSingleton<StatusReporter>();
        services.AddSingleton(provider => new VolumeLayout(provider.GetRequiredService<IOptions<AgentOptions>>().Value.DataDirectory));
        services.AddSingleton<WorkloadRuntime>();
        services.AddSingleton(provider => new Planner(provider.GetRequiredService<HardwareProfile>()));
        services.AddSingleton<PlanExecutor>();
        services.AddSingleton(provider => new DesiredProvider(
            provider.GetRequiredService<AgentStore>(),
            provider.GetRequiredService<IOptions<AgentOptions>>().Value.DeviceId,
            provider.GetRequiredService<ILogger<DesiredProvider>>()));
        services.AddHostedService<ReportService>();
        services.AddHostedService<PrefetchService>();
        services.AddHostedService<ApplyService>();
        // Stopping waits for every workload (at most StopTimeout) and then writes their statuses.
        services.AddOptions<HostOptions>().Configure<IOptions<SupervisorOptions>>((host, supervisor) =>
            host.ShutdownTimeout = supervisor.Value.StopTimeout + TimeSpan.FromSeconds(15));
        return services;
    }
}
