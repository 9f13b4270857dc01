using EdgeWasm.EdgeAgent.Modules;
using EdgeWasm.EdgeAgent.Profiles;
using EdgeWasm.Protocol.Profiles;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace EdgeWasm.EdgeAgent.Tests.Profiles;

public sealed class ProfileRegistrationTests
{
    private static IHost Build(string? name)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(name is null ? [] : [KeyValuePair.Create<string, string?>("Profile:Name", name)]);
        builder.Services.AddHardwareProfile(builder.Configuration.GetSection("Profile"));
        return builder.Build();
    }

    [Fact]
    public async Task AKnownProfile_IsLoadedFromTheProfilesShippedWithTheAgent()
    {
        using var host = Build("raspberry-pi-zero-2w");
        await host.StartAsync();

        var profile = host.Services.GetRequiredService<HardwareProfile>();

        Assert.Equal(("arm", 4, 8), (profile.Arch, profile.Cores, profile.MaxWorkloads));
        Assert.Equal(profile.StorageBudgetBytes, ModuleCacheOptions.For(profile).StorageBudgetBytes);
        await host.StopAsync();
    }

    [Theory]
    [InlineData("raspberry-pi-9", "unknown hardware profile 'raspberry-pi-9'; known profiles: generic-arm64-gateway, raspberry-pi-4-4gb")]
    [InlineData(null, "a hardware profile is required")]
    public async Task AMissingOrUnknownProfile_StopsTheAgentAtStart_NamingTheKnownOnes(string? name, string expected)
    {
        using var host = Build(name);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
