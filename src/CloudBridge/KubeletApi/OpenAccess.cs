using Microsoft.AspNetCore.Http;

namespace EdgeWasm.CloudBridge.KubeletApi;

/// <summary>Lets every request through: static pod mode has no cluster to ask (the listener then defaults to loopback).</summary>
internal sealed class OpenAccess : IKubeletAuthorizer
{
    /// <inheritdoc />
    public Task<AccessDecision> AuthorizeAsync(HttpContext context, string nodeName, CancellationToken cancellationToken) =>
        Task.FromResult(AccessDecision.Allow(null));
}
