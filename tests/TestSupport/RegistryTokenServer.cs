using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EdgeWasm.TestSupport;

/// <summary>
/// A token service for docker-registry's token authentication, following the Docker registry token specification:
/// <c>GET /token?service=…&amp;scope=repository:NAME:ACTIONS…</c> with optional Basic credentials, answered with
/// <c>{"token", "access_token", "expires_in", "issued_at"}</c>. The token is a JWT (RS256) whose header carries the
/// signing certificate in <c>x5c</c>; the registry verifies it against <see cref="RootCertificatePath"/>.
/// This is the only test double in the registry tests: the registry itself is the real one.
/// </summary>
public sealed class RegistryTokenServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly RSA _key = RSA.Create(2048);
    private readonly X509Certificate2 _certificate;
    private readonly Task _serving;
    private readonly ConcurrentQueue<string> _requests = new();

    /// <summary>Starts on a free loopback port; writes the root certificate into <paramref name="folder"/>.</summary>
    public RegistryTokenServer(string folder, string? user = null, string? password = null, bool allowAnonymousPull = false, int expiresInSeconds = 300)
    {
        User = user;
        Password = password;
        AllowAnonymousPull = allowAnonymousPull;
        ExpiresInSeconds = expiresInSeconds;
        var request = new CertificateRequest("CN=edgewasm-test-token-issuer", _key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign, true));
        _certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(1));
        RootCertificatePath = Path.Combine(folder, "token-root.pem");
        File.WriteAllText(RootCertificatePath, _certificate.ExportCertificatePem());

        for (var attempt = 0; ; attempt++)
        {
            Port = FreePort.Next();
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            try
            {
                _listener.Start();
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                // Someone took the port between FreePort and Start: try another.
            }
        }

        _serving = Task.Run(ServeAsync);
    }

    /// <summary>The service name the registry and the tokens agree on.</summary>
    public string Service { get; } = "edgewasm-test-registry";

    /// <summary>The issuer the registry trusts.</summary>
    public string Issuer { get; } = "edgewasm-test-issuer";

    /// <summary>The realm URL the registry sends in its challenges.</summary>
    public string Realm => $"http://127.0.0.1:{Port}/token";

    /// <summary>The listening port.</summary>
    public int Port { get; }

    /// <summary>PEM of the certificate that signs tokens (the registry's rootcertbundle).</summary>
    public string RootCertificatePath { get; }

    /// <summary>The only user with access (null: nobody logs in).</summary>
    public string? User { get; }

    /// <summary>That user's password.</summary>
    public string? Password { get; }

    /// <summary>Whether a request without credentials gets pull access.</summary>
    public bool AllowAnonymousPull { get; }

    /// <summary>The expires_in of every token.</summary>
    public int ExpiresInSeconds { get; }

    /// <summary>The query string of every token request so far.</summary>
    public IReadOnlyCollection<string> Requests => _requests;

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            try
            {
                Handle(context);
            }
            finally
            {
                context.Response.Close();
            }
        }
    }

    private void Handle(HttpListenerContext context)
    {
        var request = context.Request;
        _requests.Enqueue(request.Url?.Query ?? "");
        if (request.HttpMethod != "GET" || request.Url?.AbsolutePath != "/token")
        {
            context.Response.StatusCode = 404;
            return;
        }

        var query = System.Web.HttpUtility.ParseQueryString(request.Url.Query);
        var authenticated = false;
        if (request.Headers["Authorization"] is { } authorization)
        {
            if (!authorization.StartsWith("Basic ", StringComparison.Ordinal) || User is null
                || Encoding.UTF8.GetString(Convert.FromBase64String(authorization[6..])) != $"{User}:{Password}")
            {
                context.Response.StatusCode = 401;
                context.Response.AddHeader("WWW-Authenticate", "Basic realm=\"edgewasm-test-token\"");
                return;
            }

            authenticated = true;
        }
        else if (!AllowAnonymousPull)
        {
            context.Response.StatusCode = 401;
            context.Response.AddHeader("WWW-Authenticate", "Basic realm=\"edgewasm-test-token\"");
            return;
        }

        // Grant what was asked (scope = type:name:actions); anonymous callers only get pull.
        var access = new JsonArray();
        foreach (var scope in query.GetValues("scope") ?? [])
        {
            var parts = scope.Split(':');
            if (parts.Length < 3) continue;
            var actions = parts[^1].Split(',').Where(a => authenticated || a == "pull").Select(a => (JsonNode)a).ToArray();
            access.Add(new JsonObject { ["type"] = parts[0], ["name"] = string.Join(':', parts[1..^1]), ["actions"] = new JsonArray(actions) });
        }

        var now = DateTimeOffset.UtcNow;
        var claims = new JsonObject
        {
            ["iss"] = Issuer,
            ["sub"] = authenticated ? User : "",
            ["aud"] = query["service"] ?? "",
            ["exp"] = now.AddSeconds(ExpiresInSeconds).ToUnixTimeSeconds(),
            ["nbf"] = now.AddSeconds(-5).ToUnixTimeSeconds(),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["access"] = access,
        };
        var header = new JsonObject { ["typ"] = "JWT", ["alg"] = "RS256", ["x5c"] = new JsonArray(Convert.ToBase64String(_certificate.RawData)) };
        var signingInput = Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Base64Url(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var token = signingInput + "." + Base64Url(signature);

        var body = JsonSerializer.SerializeToUtf8Bytes(new JsonObject
        {
            ["token"] = token,
            ["access_token"] = token,
            ["expires_in"] = ExpiresInSeconds,
            ["issued_at"] = now.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        });
        context.Response.ContentType = "application/json";
        context.Response.OutputStream.Write(body);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving;
        _certificate.Dispose();
        _key.Dispose();
    }
}
