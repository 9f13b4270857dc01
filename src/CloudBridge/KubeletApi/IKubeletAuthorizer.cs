using Microsoft.AspNetCore.Http;

namespace EdgeWasm.CloudBridge.KubeletApi;

/// <summary>Authenticates and authorizes a request to the kubelet API of one node.</summary>
internal interface IKubeletAuthorizer
{
    /// <summary>The decision for <paramref name="context"/>'s request to node <paramref name="nodeName"/>.</summary>
    Task<AccessDecision> AuthorizeAsync(HttpContext context, string nodeName, CancellationToken cancellationToken);
}
