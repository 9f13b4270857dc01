using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using EdgeWasm.CloudBridge.Kubernetes;
using EdgeWasm.CloudBridge.Kubernetes.Models;
using Microsoft.AspNetCore.Http;

namespace EdgeWasm.CloudBridge.KubeletApi;

/// <summary>
/// The kubelet's webhook authentication and authorization: a client certificate verified against the client CA (the
/// API server's kubelet client certificate; CN is the user, O the groups), else a bearer token checked with a
/// TokenReview; then a SubjectAccessReview for <c>get nodes/proxy</c> on the node (the kubelet maps
/// <c>/containerLogs</c> to the <c>proxy</c> subresource). Answers are cached as the kubelet caches them: tokens
/// two minutes, allowed five minutes, denied thirty seconds.
/// </summary>
internal sealed class ClusterAccess(KubeClient client, X509Certificate2Collection? clientCa, TimeProvider time) : IKubeletAuthorizer
{
    private static readonly TimeSpan TokenTtl = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan AllowedTtl = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan DeniedTtl = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, (UserInfo? User, DateTimeOffset Until)> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (bool Allowed, string Reason, DateTimeOffset Until)> _decisions = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public async Task<AccessDecision> AuthorizeAsync(HttpContext context, string nodeName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = Certificate(context.Connection.ClientCertificate) ?? await TokenAsync(context.Request.Headers.Authorization.ToString(), cancellationToken).ConfigureAwait(false);
        if (user?.Username is not { Length: > 0 } name) return new AccessDecision(401, null, "Unauthorized");
        var verb = context.Request.Method switch { "POST" => "create", "PUT" => "update", "PATCH" => "patch", "DELETE" => "delete", _ => "get" };
        var key = string.Join('\u0001', name, string.Join(',', user.Groups ?? []), verb, nodeName);
        var now = time.GetUtcNow();
        if (!_decisions.TryGetValue(key, out var cached) || cached.Until <= now)
        {
            var review = await client.CreateAsync(KubeResources.SubjectAccessReviews, new SubjectAccessReview
            {
                Spec = new SubjectAccessReviewSpec
                {
                    User = name,
                    Groups = user.Groups,
                    Uid = user.Uid,
                    Extra = user.Extra,
                    ResourceAttributes = new ResourceAttributes { Verb = verb, Version = "v1", Resource = "nodes", Subresource = "proxy", Name = nodeName },
                },
            }, cancellationToken).ConfigureAwait(false);
            var allowed = review.Status?.Allowed == true && review.Status.Denied != true;
            cached = (allowed, review.Status?.Reason ?? review.Status?.EvaluationError ?? "", now + (allowed ? AllowedTtl : DeniedTtl));
            _decisions[key] = cached;
        }

        return cached.Allowed
            ? AccessDecision.Allow(name)
            : new AccessDecision(403, name, $"Forbidden (user={name}, verb={verb}, resource=nodes, subresource=proxy){(cached.Reason.Length > 0 ? ": " + cached.Reason : "")}");
    }

    private UserInfo? Certificate(X509Certificate2? certificate)
    {
        if (certificate is null || clientCa is not { Count: > 0 }) return null;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(clientCa);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = time.GetUtcNow().UtcDateTime;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid("1.3.6.1.5.5.7.3.2"));
        if (!chain.Build(certificate)) return null;
        var groups = certificate.SubjectName.EnumerateRelativeDistinguishedNames()
            .Where(r => r.GetSingleElementType().Value == "2.5.4.10")
            .Select(r => r.GetSingleElementValue() ?? "")
            .ToList();
        return new UserInfo { Username = certificate.GetNameInfo(X509NameType.SimpleName, false), Groups = groups };
    }

    private async Task<UserInfo?> TokenAsync(string authorization, CancellationToken cancellationToken)
    {
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return null;
        var token = authorization["Bearer ".Length..].Trim();
        if (token.Length == 0) return null;
        // Cache by a hash, so the tokens themselves are not kept.
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        var now = time.GetUtcNow();
        if (_tokens.TryGetValue(key, out var cached) && cached.Until > now) return cached.User;
        var review = await client.CreateAsync(KubeResources.TokenReviews, new TokenReview { Spec = new TokenReviewSpec { Token = token } }, cancellationToken)
            .ConfigureAwait(false);
        var user = review.Status?.Authenticated == true ? review.Status.User : null;
        _tokens[key] = (user, now + TokenTtl);
        return user;
    }
}
