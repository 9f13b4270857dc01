using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EdgeWasm.Protocol.Documents;
using Microsoft.Extensions.Logging;

namespace EdgeWasm.EdgeAgent.Modules.Oci;

/// <summary>
/// Answers registry challenges: Basic with a pull secret's credentials, or Bearer with a token fetched from the
/// challenge's realm (Docker registry token authentication: GET realm?service=…&amp;scope=…, with Basic credentials
/// when we have them). Tokens are cached per registry, scope and user until shortly before they expire.
/// </summary>
internal sealed class RegistryAuthenticator
{
    // A token is renewed this long before its stated expiry, so a request never leaves with a token about to lapse.
    private static readonly TimeSpan RenewMargin = TimeSpan.FromSeconds(10);
    private const int MaxTokenResponseBytes = 1024 * 1024;

    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    // Keyed by who asks as well: a token or Basic header must never serve a different (or rotated) credential.
    private readonly ConcurrentDictionary<(string Registry, string Scope, string? Who), (AuthenticationHeaderValue Header, DateTimeOffset Expires)> _cache = new();

    /// <summary>Creates it over the same HttpClient the registry client uses.</summary>
    public RegistryAuthenticator(HttpClient http, TimeProvider time, ILogger logger)
    {
        _http = http;
        _time = time;
        _logger = logger;
    }

    /// <summary>A cached Authorization header for this registry and scope, or null (then the request goes anonymous first).</summary>
    public AuthenticationHeaderValue? Cached(string registry, string scope, RegistryCredential? credential)
    {
        var now = _time.GetUtcNow();
        var who = Who(credential);
        foreach (var key in new[] { (registry, scope, who), (registry, "*", who) })
        {
            if (_cache.TryGetValue(key, out var entry))
            {
                if (entry.Expires > now) return entry.Header;
                _cache.TryRemove(key, out _);
            }
        }

        return null;
    }

    /// <summary>Forgets what was cached for this registry and scope (the registry refused it).</summary>
    public void Forget(string registry, string scope, RegistryCredential? credential)
    {
        _cache.TryRemove((registry, scope, Who(credential)), out _);
        _cache.TryRemove((registry, "*", Who(credential)), out _);
    }

    /// <summary>Builds the Authorization header that answers <paramref name="challenges"/>, fetching a token when asked for one.</summary>
    /// <exception cref="RegistryUnauthorizedException">No usable challenge, no credentials for Basic, or the token service refused.</exception>
    public async Task<AuthenticationHeaderValue> AuthenticateAsync(
        string image, string registry, string scope, IReadOnlyList<AuthChallenge> challenges, RegistryCredential? credential, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(challenges);
        if (challenges.FirstOrDefault(c => c.IsBearer) is { } bearer)
        {
            var (header, expires) = await FetchTokenAsync(image, bearer, scope, credential, cancellationToken).ConfigureAwait(false);
            _cache[(registry, scope, Who(credential))] = (header, expires);
            return header;
        }

        if (challenges.Any(c => c.IsBasic))
        {
            if (credential is null)
            {
                throw new RegistryUnauthorizedException(image, $"{registry} wants Basic credentials and the workload has no pull secret for it");
            }

            var basic = Basic(credential);
            _cache[(registry, "*", Who(credential))] = (basic, DateTimeOffset.MaxValue);
            return basic;
        }

        var schemes = string.Join(", ", challenges.Select(c => c.Scheme));
        throw new RegistryUnauthorizedException(image, $"{registry} asked for authentication this agent does not speak ({(schemes.Length == 0 ? "no challenge" : schemes)})");
    }

    private async Task<(AuthenticationHeaderValue Header, DateTimeOffset Expires)> FetchTokenAsync(
        string image, AuthChallenge challenge, string scope, RegistryCredential? credential, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(challenge["realm"], UriKind.Absolute, out var realm) || realm.Scheme is not ("http" or "https"))
        {
            throw new RegistryUnauthorizedException(image, $"the Bearer challenge has no usable realm URL ('{challenge["realm"]}')");
        }

        // The challenge's scope is what the registry will check; ours is the fallback when it names none.
        var query = new StringBuilder(realm.Query.TrimStart('?'));
        void Add(string name, string value) =>
            query.Append(query.Length == 0 ? "" : "&").Append(name).Append('=').Append(Uri.EscapeDataString(value));
        if (challenge["service"] is { } service) Add("service", service);
        foreach (var one in (challenge["scope"] ?? scope).Split(' ', StringSplitOptions.RemoveEmptyEntries)) Add("scope", one);
        if (credential is not null) Add("account", credential.Username);

        using var request = new HttpRequestMessage(HttpMethod.Get, new UriBuilder(realm) { Query = query.ToString() }.Uri);
        if (credential is not null) request.Headers.Authorization = Basic(credential);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new RegistryUnreachableException(image, $"the token service {realm.GetLeftPart(UriPartial.Path)} is unreachable: {ex.Message}", ex);
        }

        using (response)
        {
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                throw new RegistryUnauthorizedException(
                    image,
                    credential is null
                        ? $"the token service refused anonymous access to {scope} ({(int)response.StatusCode})"
                        : $"the token service refused user '{credential.Username}' for {scope} ({(int)response.StatusCode})");
            }

            if (!response.IsSuccessStatusCode)
            {
                throw (int)response.StatusCode >= 500
                    ? new RegistryUnreachableException(image, $"the token service answered {(int)response.StatusCode}")
                    : new RegistryErrorException(image, response.StatusCode, $"the token service answered {(int)response.StatusCode}");
            }

            var body = await HttpBodies.ReadLimitedAsync(response, MaxTokenResponseBytes, cancellationToken).ConfigureAwait(false)
                ?? throw new RegistryErrorException(image, response.StatusCode, $"the token service's answer is larger than {MaxTokenResponseBytes} bytes");
            TokenResponse? token;
            try
            {
                token = JsonSerializer.Deserialize(body, OciJsonContext.Default.TokenResponse);
            }
            catch (JsonException ex)
            {
                throw new RegistryErrorException(image, response.StatusCode, $"the token service's answer is not valid JSON: {ex.Message}");
            }

            var value = token?.Token ?? token?.AccessToken;
            if (string.IsNullOrEmpty(value)) throw new RegistryErrorException(image, response.StatusCode, "the token service's answer has no token");
            var lifetime = TimeSpan.FromSeconds(token!.ExpiresIn is > 0 ? token.ExpiresIn.Value : 60);
            var expires = _time.GetUtcNow() + (lifetime > RenewMargin * 2 ? lifetime - RenewMargin : lifetime / 2);
            OciLog.TokenFetched(_logger, realm.GetLeftPart(UriPartial.Path), scope, lifetime.TotalSeconds);
            return (new AuthenticationHeaderValue("Bearer", value), expires);
        }
    }

    // A digest of the credential, so the cache holds no password in the clear as a key.
    private static string? Who(RegistryCredential? credential) =>
        credential is null ? null : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{credential.Username}\n{credential.Password}")));

    private static AuthenticationHeaderValue Basic(RegistryCredential credential) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credential.Username}:{credential.Password}")));
}
