using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using EdgeWasm.Protocol.Documents;
using EdgeWasm.Protocol.Images;
using Microsoft.Extensions.Logging;

namespace EdgeWasm.CloudBridge.Pods.Sync;

/// <summary>
/// Pins a tag to a digest at admission, as the OCI distribution API allows: <c>HEAD /v2/REPO/manifests/TAG</c>
/// with the manifest and index media types accepted, the digest read from <c>Docker-Content-Digest</c> (or, when a
/// registry leaves it out, computed from a GET of the manifest). A 401 is answered as its <c>WWW-Authenticate</c>
/// asks: Basic with the pod's pull secret, or a Bearer token fetched from the realm (with the secret when there is
/// one). Answers are kept briefly per image, so many pods of one image cost one request. A failure is logged with its
/// reason and returns null: the pod then goes on unpinned.
/// </summary>
internal sealed partial class RegistryDigestResolver(HttpClient http, RegistryDigestOptions options, TimeProvider time, ILogger<RegistryDigestResolver> logger)
    : IImageDigestResolver
{
    private static readonly string[] ManifestTypes =
    [
        "application/vnd.oci.image.index.v1+json",
        "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.docker.distribution.manifest.list.v2+json",
        "application/vnd.docker.distribution.manifest.v2+json",
    ];

    private readonly ConcurrentDictionary<string, (ContentDigest Digest, DateTimeOffset At)> _recent = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public async ValueTask<ContentDigest?> ResolveAsync(ImageReference image, IReadOnlyList<RegistryCredential> credentials, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(credentials);
        if (image.Digest is { } pinned) return pinned;
        var key = image.ToString();
        var now = time.GetUtcNow();
        if (_recent.TryGetValue(key, out var hit) && now - hit.At < options.CacheFor) return hit.Digest;
        try
        {
            var digest = await ResolveCoreAsync(image, credentials.Count > 0 ? credentials[0] : null, cancellationToken).ConfigureAwait(false);
            _recent[key] = (digest, now);
            return digest;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidDataException or JsonException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogFailed(logger, key, ex.Message);
            return null;
        }
    }

    /// <summary>The base URL of a registry's API: plain HTTP for loopback and configured insecure registries.</summary>
    public Uri BaseUri(string registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var host = registry == ImageReference.DockerHub ? "registry-1.docker.io" : registry;
        return new Uri($"{(options.UsesPlainHttp(registry) ? "http" : "https")}://{host}/");
    }

    private async Task<ContentDigest> ResolveCoreAsync(ImageReference image, RegistryCredential? credential, CancellationToken cancellationToken)
    {
        var url = new Uri(BaseUri(image.Registry), $"v2/{image.Repository}/manifests/{Uri.EscapeDataString(image.ManifestReference)}");
        AuthenticationHeaderValue? auth = null;
        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var head = Request(HttpMethod.Head, url, auth);
            using var response = await http.SendAsync(head, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 0)
            {
                auth = await AnswerChallengeAsync(response, image, credential, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (!response.IsSuccessStatusCode) throw new HttpRequestException($"HEAD {url} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            if (response.Headers.TryGetValues("Docker-Content-Digest", out var values) && ContentDigest.TryParse(values.FirstOrDefault(), out var digest)) return digest;

            // The header is optional: the digest of the manifest's bytes is the same thing.
            using var get = Request(HttpMethod.Get, url, auth);
            using var body = await http.SendAsync(get, cancellationToken).ConfigureAwait(false);
            if (!body.IsSuccessStatusCode) throw new HttpRequestException($"GET {url} answered {(int)body.StatusCode} {body.ReasonPhrase}");
            return ContentDigest.Compute(await body.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
        }

        throw new HttpRequestException($"HEAD {url}: the registry refused the credentials (401)");
    }

    private static HttpRequestMessage Request(HttpMethod method, Uri url, AuthenticationHeaderValue? auth)
    {
        var request = new HttpRequestMessage(method, url);
        foreach (var type in ManifestTypes) request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
        request.Headers.Authorization = auth;
        return request;
    }

    private async Task<AuthenticationHeaderValue> AnswerChallengeAsync(HttpResponseMessage response, ImageReference image, RegistryCredential? credential, CancellationToken cancellationToken)
    {
        var challenge = response.Headers.WwwAuthenticate.FirstOrDefault()
            ?? throw new HttpRequestException("the registry answered 401 without a WWW-Authenticate challenge");
        var basic = credential is null ? null : Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credential.Username}:{credential.Password}"));
        if (challenge.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            return new AuthenticationHeaderValue("Basic", basic ?? throw new HttpRequestException("the registry asks for a password and the pod has no pull secret for it"));
        }

        if (!challenge.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase)) throw new HttpRequestException($"unsupported registry challenge '{challenge.Scheme}'");
        var parameters = ChallengeParameter().Matches(challenge.Parameter ?? "").ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.OrdinalIgnoreCase);
        if (!parameters.TryGetValue("realm", out var realm)) throw new HttpRequestException("the registry's Bearer challenge names no realm");
        var query = new StringBuilder("?scope=").Append(Uri.EscapeDataString(parameters.GetValueOrDefault("scope") ?? $"repository:{image.Repository}:pull"));
        if (parameters.TryGetValue("service", out var service)) query.Append("&service=").Append(Uri.EscapeDataString(service));
        using var request = new HttpRequestMessage(HttpMethod.Get, realm + query);
        if (basic is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
        using var answer = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!answer.IsSuccessStatusCode) throw new HttpRequestException($"the token service {realm} answered {(int)answer.StatusCode} {answer.ReasonPhrase}");
        using var json = await JsonDocument.ParseAsync(await answer.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        var token = (json.RootElement.TryGetProperty("token", out var t) ? t.GetString() : null)
            ?? (json.RootElement.TryGetProperty("access_token", out var a) ? a.GetString() : null)
            ?? throw new InvalidDataException($"the token service {realm} returned no token");
        return new AuthenticationHeaderValue("Bearer", token);
    }

    [GeneratedRegex("(\\w+)=\"([^\"]*)\"", RegexOptions.CultureInvariant)]
    private static partial Regex ChallengeParameter();

    [LoggerMessage(EventId = 3430, Level = LogLevel.Warning, Message = "Could not resolve {Image} to a digest: {Error}")]
    private static partial void LogFailed(ILogger logger, string image, string error);
}
