namespace EdgeWasm.TestSupport.ApiServer;

/// <summary>Settings of the API server double.</summary>
public sealed record ApiServerOptions
{
    /// <summary>Watch events kept for resuming watches; older resourceVersions get 410 Gone.</summary>
    public int HistoryCapacity { get; init; } = 1000;

    /// <summary>How often watches that allow bookmarks get one (a real server: about a minute).</summary>
    public TimeSpan BookmarkInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Answer a too-old watch with HTTP 410 instead of 200 and an ERROR event (both happen in real clusters).</summary>
    public bool GoneAsHttpStatus { get; init; }

    /// <summary>The bearer token accepted besides client certificates.</summary>
    public string Token { get; init; } = "edgewasm-test-token";

    /// <summary>
    /// Serves <c>authentication.k8s.io/v1 tokenreviews</c> when set: the user and groups a token belongs to, or null for
    /// an invalid token. Unset, the resource does not exist (404), as on a server without the authentication API.
    /// </summary>
    public Func<string, (string User, string[] Groups)?>? TokenReviews { get; init; }

    /// <summary>
    /// Serves <c>authorization.k8s.io/v1 subjectaccessreviews</c> when set: whether the review's spec (user, groups,
    /// resourceAttributes) is allowed.
    /// </summary>
    public Func<System.Text.Json.Nodes.JsonObject, bool>? AccessReviews { get; init; }

    /// <summary>Clock for timestamps.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
