using EdgeWasm.CloudBridge.KubeletApi;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace EdgeWasm.CloudBridge.Tests.KubeletApi;

public sealed class LogQueryTests
{
    [Fact]
    public void TryParse_KubectlsQuery()
    {
        Assert.True(LogQuery.TryParse(Query("follow=true&tailLines=10&timestamps=true&limitBytes=500&sinceSeconds=60"), out var q, out _));

        Assert.Equal((10, 500L, true, true, false, 60L), (q.TailLines, q.LimitBytes, q.Timestamps, q.Follow, q.Previous, q.SinceSeconds));
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 11, 59, 0, TimeSpan.Zero), q.Since(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData("tailLines=-1", "tailLines: Invalid value: -1: must be greater than or equal to 0")]
    [InlineData("limitBytes=0", "limitBytes: Invalid value: 0: must be greater than 0")]
    [InlineData("sinceSeconds=0", "sinceSeconds: Invalid value: 0: must be greater than 0")]
    [InlineData("tailLines=ten", "tailLines: Invalid value: \"ten\": must be an integer")]
    [InlineData("follow=maybe", "follow: Invalid value: \"maybe\": must be true or false")]
    [InlineData("sinceTime=yesterday", "sinceTime: Invalid value: \"yesterday\": must be an RFC 3339 time")]
    [InlineData("sinceSeconds=5&sinceTime=2026-01-01T00:00:00Z", "at most one of `sinceTime` or `sinceSeconds` may be specified")]
    public void TryParse_Invalid_SaysWhy(string query, string error)
    {
        Assert.False(LogQuery.TryParse(Query(query), out _, out var message));
        Assert.Equal(error, message);
    }

    [Fact]
    public void TryParse_SinceTime_IsRfc3339()
    {
        Assert.True(LogQuery.TryParse(Query("sinceTime=2026-01-01T10:00:02Z"), out var q, out _));
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 10, 0, 2, TimeSpan.Zero), q.Since(DateTimeOffset.UnixEpoch));
    }

    private static QueryCollection Query(string text) => new(text.Split('&').Select(p => p.Split('=', 2))
        .ToDictionary(p => p[0], p => new StringValues(Uri.UnescapeDataString(p[1]))));
}
