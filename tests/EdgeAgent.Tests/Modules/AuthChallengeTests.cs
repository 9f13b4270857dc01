using EdgeWasm.EdgeAgent.Modules.Oci;

namespace EdgeWasm.EdgeAgent.Tests.Modules;

public sealed class AuthChallengeTests
{
    [Fact]
    public void Parse_ABearerChallenge_KeepsCommasInsideQuotedValues()
    {
        var challenge = Assert.Single(AuthChallenge.Parse(
            "Bearer realm=\"https://auth.example/token\",service=\"registry.example\",scope=\"repository:a/b:pull,push\",error=\"insufficient_scope\""));

        Assert.True(challenge.IsBearer);
        Assert.Equal("https://auth.example/token", challenge["realm"]);
        Assert.Equal("registry.example", challenge["Service"]);
        Assert.Equal("repository:a/b:pull,push", challenge["scope"]);
        Assert.Equal("insufficient_scope", challenge["error"]);
        Assert.Null(challenge["missing"]);
    }

    [Fact]
    public void Parse_SeveralChallenges_AndUnquotedOrEscapedValues()
    {
        var challenges = AuthChallenge.Parse("Basic realm=\"a \\\"quoted\\\" realm\", Bearer realm=https://auth.example/token , service=reg");

        Assert.Equal(["Basic", "Bearer"], challenges.Select(c => c.Scheme));
        Assert.Equal("a \"quoted\" realm", challenges[0]["realm"]);
        Assert.Equal("https://auth.example/token", challenges[1]["realm"]);
        Assert.Equal("reg", challenges[1]["service"]);
    }

    [Fact]
    public void Parse_ASchemeWithoutParameters_IsAChallengeToo()
    {
        var challenge = Assert.Single(AuthChallenge.Parse("Negotiate"));

        Assert.Equal("Negotiate", challenge.Scheme);
        Assert.Empty(challenge.Parameters);
    }

    [Theory]
    [InlineData("Bearer realm=\"unterminated")]
    [InlineData("Bearer realm=")]
    [InlineData("Bearer realm=\"x\" service=\"y\"")]
    public void Parse_MalformedHeaders_Throw(string header) =>
        Assert.Throws<FormatException>(() => AuthChallenge.Parse(header));
}
