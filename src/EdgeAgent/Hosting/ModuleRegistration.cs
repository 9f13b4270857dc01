using EdgeWasm.EdgeAgent.Modules;
using EdgeWasm.EdgeAgent.Modules.Oci;
using EdgeWasm.EdgeAgent.Store;
using EdgeWasm.Protocol.Profiles;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeWasm.EdgeAgent.Hosting;

/// <summary>Registers the registry client and the module cache (its budget is the profile's storage budget).</summary>
internal static class ModuleRegistration
{
    /// <summary>Binds <see cref="RegistryClientOptions"/> from <paramref name="section"/> (<c>Registry:PlainHttpRegistries</c>, <c>Registry:RequestTimeout</c>).</summary>
    public static IServiceCollection AddModuleCache(this IServiceCollection services, IConfiguration section)
    {
        services.AddOptions<RegistryClientOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RegistryClientOptions>>(new CheckedOptionsValidator<RegistryClientOptions>("Registry", o => o.Validate()));
        services.AddSingleton(_ => RegistryClient.CreateHttpClient());
        services.AddSingleton(provider => new RegistryClient(
            provider.GetRequiredService<HttpClient>(),
            provider.GetRequiredService<IOptions<RegistryClientOptions>>().Value,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<RegistryClient>>()));
        services.AddSingleton(provider => new ModuleCache(
            provider.GetRequiredService<AgentStore>(),
            provider.GetRequiredService<RegistryClient>(),
            ModuleCacheOptions.For(provider.GetRequiredService<HardwareProfile>()),
            provider.GetRequiredService<ILogger<ModuleCache>>()));
        return services;
    }
}
