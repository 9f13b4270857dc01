using EdgeWasm.Protocol.Profiles;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EdgeWasm.EdgeAgent.Profiles;

/// <summary>Registers the agent's hardware profile: admission and the module cache read their limits from it.</summary>
internal static class ProfileServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="ProfileOptions"/> from <paramref name="section"/>, checks the profile when the host starts
    /// (an unknown name stops the agent with the list of known ones), and registers the loaded
    /// <see cref="HardwareProfile"/> as a singleton.
    /// </summary>
    public static IServiceCollection AddHardwareProfile(this IServiceCollection services, IConfiguration section)
    {
        services.AddOptions<ProfileOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ProfileOptions>, ProfileOptionsValidator>();
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<ProfileOptions>>().Value;
            return new ProfileLoader(options.Directory).Load(options.Name);
        });
        return services;
    }
}
