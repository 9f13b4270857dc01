using System.Text.Json.Nodes;
using EdgeWasm.Protocol.IotHub;

namespace EdgeWasm.Protocol.Tests.IotHub;

public sealed class JsonMergePatchTests
{
    [Fact]
    public void Apply_MergesObjects_RemovesNulls_ReplacesArraysAndValues()
    {
        var target = JsonNode.Parse("""{"a":{"x":1,"y":2},"list":[1,2,3],"gone":true,"keep":"k"}""")!.AsObject();

        JsonMergePatch.Apply(target, JsonNode.Parse("""{"a":{"y":null,"z":3},"list":[9],"gone":null,"new":{"n":null,"m":1},"$version":5}""")!.AsObject());

        Assert.Equal("""{"a":{"x":1,"z":3},"list":[9],"keep":"k","new":{"m":1}}""", target.ToJsonString());
    }

    [Theory]
    [InlineData("""{}""", """{"a":1}""")]
    [InlineData("""{"a":1,"b":{"c":2,"d":3}}""", """{"a":1,"b":{"c":4}}""")]
    [InlineData("""{"w":{"k1":{"s":"x"},"k2":{"s":"y"}}}""", """{"w":{"k2":{"s":"y"},"k3":{"s":"z"}}}""")]
    [InlineData("""{"list":[1,2]}""", """{"list":[1,2,3]}""")]
    [InlineData("""{"o":{"p":1}}""", """{"o":5}""")]
    public void Diff_ThenApply_TurnsOneIntoTheOther(string from, string to)
    {
        var source = JsonNode.Parse(from)!.AsObject();
        var target = JsonNode.Parse(to)!.AsObject();

        var patch = JsonMergePatch.Diff(source, target);
        JsonMergePatch.Apply(source, patch);

        Assert.True(JsonNode.DeepEquals(target, source), $"{source.ToJsonString()} != {to} (patch {patch.ToJsonString()})");
    }

    [Fact]
    public void Diff_OfEqualDocuments_IsEmpty() =>
        Assert.Empty(JsonMergePatch.Diff(JsonNode.Parse("""{"a":[1,{"b":2}]}""")!.AsObject(), JsonNode.Parse("""{"a":[1,{"b":2}]}""")!.AsObject()));
}
