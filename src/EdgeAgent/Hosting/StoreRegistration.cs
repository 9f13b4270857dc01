using EdgeWasm.EdgeAgent.Store;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeWasm.EdgeAgent.Hosting;

/// <summary>Registers the agent's store: <c>DATA/agent.db</c> unless <c>Store:Path</c> says otherwise.</summary>
internal static class StoreRegistration
{
    /// <summary>Binds <see cref="StoreOptions"/> from <paramref name="section"/> and opens the store on first use.</summary>
    public static IServiceCollection AddAgentStore(this IServiceCollection services, IConfiguration section)
    {
        services.AddOptions<StoreOptions>()
            .Bind(section)
            .PostConfigure<IOptions<AgentOptions>>((store, agent) =>
            {
                if (string.IsNullOrWhiteSpace(store.Path) && !string.IsNullOrWhiteSpace(agent.Value.DataDirectory)) store.Path = agent.Value.StorePath;
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<StoreOptions>>(new CheckedOptionsValidator<StoreOptions>("Store", o => o.Validate()));
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<StoreOptions>>().Value);
        // Opened synchronously once, when the first service needs it: it is a local file, and everything depends on it.
        services.AddSingleton(provider => AgentStore.OpenAsync(
            provider.GetRequiredService<StoreOptions>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<AgentStore>>(),
            CancellationToken.None).GetAwaiter().GetResult());
        return services;
    }
}
