using System.Text.Json.Nodes;
using EdgeWasm.Protocol.IotHub;

namespace EdgeWasm.Protocol.Tests.IotHub;

/// <summary>The twin size rule and property rules as IoT Hub's device twin guide states them.</summary>
public sealed class TwinSizeTests
{
    [Theory]
    [InlineData("""{"a":"xyz"}""", 4)]
    [InlineData("""{"batteryLevel":55}""", 12 + 8)]
    [InlineData("""{"on":true}""", 2 + 4)]
    [InlineData("""{"o":{"k":"v"}}""", 1 + 1 + 1)]
    [InlineData("""{"s":"é"}""", 1 + 2)]
    [InlineData("""{"s":"a\u0001b"}""", 1 + 2)]
    [InlineData("""{"$version":4,"$metadata":{"$lastUpdated":"2016-03-30T16:24:48.789Z"},"x":1}""", 1 + 8)]
    [InlineData("""{"list":[1,"ab",false]}""", 4 + 8 + 2 + 4)]
    public void Measure_FollowsTheDocumentedRule(string json, long size) =>
        Assert.Equal(size, TwinSize.Measure(JsonNode.Parse(json)));

    [Theory]
    [InlineData("""{"a.b":1}""", "'.'")]
    [InlineData("""{"$a":1}""", "'$'")]
    [InlineData("""{"a b":1}""", "space")]
    [InlineData("""{"":1}""", "empty")]
    public void Problem_RefusesKeysIoTHubRefuses(string json, string reason)
    {
        var problem = TwinSize.Problem(JsonNode.Parse(json)!.AsObject());
        Assert.NotNull(problem);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Problem_RefusesStringsOver4KB_AndNestingDeeperThan10()
    {
        Assert.Null(TwinSize.Problem(new JsonObject { ["s"] = new string('x', 4096) }));
        Assert.Contains("longer than 4096", TwinSize.Problem(new JsonObject { ["s"] = new string('x', 4097) }), StringComparison.Ordinal);

        var ten = new JsonObject { ["leaf"] = 1 };
        for (var i = 0; i < 9; i++) ten = new JsonObject { ["n"] = ten };
        Assert.Null(TwinSize.Problem(ten));
        Assert.Contains("deeper than 10", TwinSize.Problem(new JsonObject { ["n"] = ten }), StringComparison.Ordinal);
    }
}
