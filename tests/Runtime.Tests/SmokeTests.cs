namespace EdgeWasm.Runtime.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void FixturesAreBuilt() => Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "fixtures", "hello.wasm")));
}
