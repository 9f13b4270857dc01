namespace EdgeWasm.Runtime.Tests.Wasi;

/// <summary>Tests that measure process-wide memory run alone, so other tests' allocations do not count against them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasuredCollection
{
    public const string Name = "Measured (runs alone)";
}
