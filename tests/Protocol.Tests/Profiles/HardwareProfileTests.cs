using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeWasm.Protocol.Documents;
using EdgeWasm.Protocol.Profiles;
using EdgeWasm.TestSupport;

namespace EdgeWasm.Protocol.Tests.Profiles;

public sealed class HardwareProfileTests
{
    private static readonly string ProfilesDirectory = Path.Combine(Fixtures.RepoRoot, "hardware", "profiles");
    private static readonly JsonElement Schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(ProfilesDirectory, ProfileLoader.SchemaFileName))).RootElement;

    public static TheoryData<string> ProfileNames() => [.. new ProfileLoader(ProfilesDirectory).Names()];

    private static JsonObject ValidSample() => JsonNode.Parse(File.ReadAllText(Path.Combine(ProfilesDirectory, "raspberry-pi-4-4gb.json")))!.AsObject();

    private static IReadOnlyList<string> SchemaErrors(JsonNode profile) =>
        JsonSchemaSubset.Validate(Schema, JsonDocument.Parse(profile.ToJsonString()).RootElement);

    [Fact]
    public void TheProfilesTheIssueNames_AllExist()
    {
        Assert.Subset(
            new HashSet<string>(new ProfileLoader(ProfilesDirectory).Names()),
            new HashSet<string> { "raspberry-pi-4-4gb", "raspberry-pi-zero-2w", "raspberry-pi-5-8gb", "generic-arm64-gateway", "x86-64-gateway" });
    }

    [Theory]
    [MemberData(nameof(ProfileNames))]
    public void EveryProfile_PassesTheSchema_AndTheLoadersRules(string name)
    {
        var path = Path.Combine(ProfilesDirectory, name + ".json");

        Assert.Empty(JsonSchemaSubset.Validate(Schema, JsonDocument.Parse(File.ReadAllText(path)).RootElement));
        var profile = new ProfileLoader(ProfilesDirectory).Load(name);
        Assert.Equal(name, profile.Name);
    }

    [Fact]
    public void TheSchemaAndTheRecord_NameTheSameProperties()
    {
        // What the record writes with every optional value set: exactly what the schema must declare.
        var full = new ProfileLoader(ProfilesDirectory).Load("raspberry-pi-4-4gb") with
        {
            Schema = "./schema.json",
            Description = "d",
            DefaultLimits = new WorkloadLimits { MemoryBytes = 1 << 20, FuelPerSecond = 1, DeadlineMs = 1 },
        };
        var written = JsonSerializer.SerializeToElement(full, ProfileJsonContext.Default.HardwareProfile);
        static string[] Names(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];

        Assert.Equal(Names(written), Names(Schema.GetProperty("properties")));
        Assert.Equal(Names(written.GetProperty("defaultLimits")), Names(Schema.GetProperty("properties").GetProperty("defaultLimits").GetProperty("properties")));
    }

    [Theory]
    [InlineData("cores", null, "required property 'cores' is missing")]
    [InlineData("cores", "0", "below the minimum 1")]
    [InlineData("arch", "\"mips\"", "is not one of")]
    [InlineData("name", "\"Raspberry Pi\"", "does not match")]
    [InlineData("memoryBytes", "\"4GB\"", "expected integer")]
    [InlineData("maxWorkloads", "2.5", "expected integer")]
    [InlineData("gpu", "true", "property 'gpu' is not allowed")]
    [InlineData("defaultLimits", "{\"memoryBytes\": 67108864}", "required property 'fuelPerSecond' is missing")]
    [InlineData("defaultLimits", "{\"memoryBytes\": 1024, \"fuelPerSecond\": 1}", "below the minimum 65536")]
    [InlineData("defaultLimits", "{\"memoryBytes\": 67108864, \"fuelPerSecond\": 1, \"cpu\": 1}", "property 'cpu' is not allowed")]
    public void ABrokenProfile_FailsTheSchema_AndTheLoader(string property, string? value, string expected)
    {
        var profile = ValidSample();
        if (value is null) profile.Remove(property);
        else profile[property] = JsonNode.Parse(value);

        Assert.Contains(SchemaErrors(profile), e => e.Contains(expected, StringComparison.Ordinal));
        Assert.Throws<ProfileException>(() => ProfileLoader.Parse(profile.ToJsonString(), "sample"));
    }

    [Theory]
    [InlineData("reservedMemoryBytes", "4294967296", "reservedMemoryBytes")]
    [InlineData("defaultLimits", "{\"memoryBytes\": 4294967296, \"fuelPerSecond\": 1}", "defaultLimits.memoryBytes")]
    [InlineData("defaultLimits", "{\"memoryBytes\": 67108864, \"fuelPerSecond\": 100000000000}", "defaultLimits.fuelPerSecond")]
    public void RulesAcrossFields_AreTheLoadersJob(string property, string value, string expected)
    {
        var profile = ValidSample();
        profile[property] = JsonNode.Parse(value);

        Assert.Empty(SchemaErrors(profile));
        var error = Assert.Throws<ProfileException>(() => ProfileLoader.Parse(profile.ToJsonString(), "sample"));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AnUnknownName_ListsTheKnownOnes_AndAFileMustCarryItsOwnName()
    {
        var unknown = Assert.Throws<ProfileException>(() => new ProfileLoader(ProfilesDirectory).Load("../../etc/passwd"));
        Assert.Contains("raspberry-pi-4-4gb", unknown.Message, StringComparison.Ordinal);

        using var folder = new TempDirectory();
        var renamed = folder.Combine("pi.json");
        File.WriteAllText(renamed, ValidSample().ToJsonString());
        var mismatch = Assert.Throws<ProfileException>(() => new ProfileLoader(folder.Path).Load("pi"));
        Assert.Contains("must equal the file name 'pi'", mismatch.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Allocatable_IsEveryCore_MemoryLessTheReserve_OnePodPerSlot_AndTheStorageBudget()
    {
        var pi = new ProfileLoader(ProfilesDirectory).Load("raspberry-pi-4-4gb");

        Assert.Equal(new DeviceCapacity(4000, (4L << 30) - (768L << 20), 48, 2L << 30), pi.Allocatable);
        Assert.Equal(pi.FuelPerCoreSecond / 2, pi.FuelPerSecondForMillicores(500));
    }

    [Fact]
    public void ResolveLimits_FillsOnlyWhatTheWorkloadLeftUnset()
    {
        var pi = new ProfileLoader(ProfilesDirectory).Load("raspberry-pi-4-4gb");

        var resolved = pi.ResolveLimits(new WorkloadLimits { FuelPerSecond = 5, DeadlineMs = 1000 });

        Assert.Equal(new WorkloadLimits { MemoryBytes = 64L << 20, FuelPerSecond = 5, DeadlineMs = 1000 }, resolved);
    }
}
