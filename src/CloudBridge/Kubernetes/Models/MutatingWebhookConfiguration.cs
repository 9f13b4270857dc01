using System.Text.Json;

namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>admissionregistration.k8s.io/v1 MutatingWebhookConfiguration, as far as the bridge reads it (to fill in its CA bundle).</summary>
internal sealed record MutatingWebhookConfiguration : KubeObject
{
    /// <summary>A configuration with its type information set.</summary>
    public MutatingWebhookConfiguration()
    {
        ApiVersion = "admissionregistration.k8s.io/v1";
        Kind = "MutatingWebhookConfiguration";
    }

    /// <summary>The webhooks, kept as JSON.</summary>
    public IReadOnlyList<JsonElement>? Webhooks { get; init; }
}
