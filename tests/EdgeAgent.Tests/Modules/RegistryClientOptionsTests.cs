using EdgeWasm.EdgeAgent.Modules.Oci;

namespace EdgeWasm.EdgeAgent.Tests.Modules;

public sealed class RegistryClientOptionsTests
{
    [Theory]
    [InlineData("127.0.0.1:5000", true)]
    [InlineData("localhost:5000", true)]
    [InlineData("[::1]:5000", true)]
    [InlineData("reg.example:5000", false)]
    [InlineData("lan-registry:5000", true)]
    public void PlainHttp_IsUsedForLoopbackAndListedRegistriesOnly(string registry, bool plain)
    {
        var options = new RegistryClientOptions();
        options.PlainHttpRegistries.Add("lan-registry:5000");

        Assert.Equal(plain, options.UsesPlainHttp(registry));
    }
}
