namespace EdgeWasm.EdgeAgent.Tests.Hosting;

/// <summary>Tests that share one <see cref="ModuleRegistry"/>; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class RegistryCollection : ICollectionFixture<ModuleRegistry>
{
    public const string Name = "registry with modules";
}
