using System.Text.Json;
using EdgeWasm.CloudBridge.Kubernetes;
using EdgeWasm.CloudBridge.Kubernetes.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeWasm.CloudBridge.Admission;

/// <summary>
/// Puts the bridge's CA into the <c>caBundle</c> of its MutatingWebhookConfiguration at start, so the API server trusts
/// the self-made serving certificate without cert-manager. Only the named configuration is touched; a failure is
/// logged and the bridge runs on (pods then need the tolerations written by hand, see docs/bridge.md).
/// </summary>
internal sealed partial class CaBundleInjector(KubeClient client, string configurationName, string caPem, ILogger<CaBundleInjector> logger) : BackgroundService
{
    /// <summary>Patches every webhook of the configuration with the CA.</summary>
    public async Task InjectAsync(CancellationToken cancellationToken)
    {
        var configuration = await client.GetAsync(KubeResources.MutatingWebhookConfigurations, null, configurationName, cancellationToken).ConfigureAwait(false);
        var bundle = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(caPem));
        var count = configuration.Webhooks?.Count ?? 0;
        var ops = new List<JsonPatchOperation>
        {
            // Guard against a concurrent edit: the patch applies only to the version read.
            JsonPatchOperation.Test("/metadata/resourceVersion", configuration.Metadata.ResourceVersion),
        };
        for (var i = 0; i < count; i++)
        {
            if (configuration.Webhooks![i].TryGetProperty("clientConfig", out var clientConfig) && clientConfig.TryGetProperty("caBundle", out var existing)
                && existing.ValueKind == JsonValueKind.String && existing.GetString() == bundle)
            {
                continue;
            }

            ops.Add(JsonPatchOperation.Add($"/webhooks/{i}/clientConfig/caBundle", bundle));
        }

        if (ops.Count > 1) await client.PatchAsync(KubeResources.MutatingWebhookConfigurations, null, configurationName, KubePatch.Json(ops), null, cancellationToken).ConfigureAwait(false);
        LogInjected(logger, configurationName, ops.Count - 1);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await InjectAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            LogFailed(logger, configurationName, ex.Message);
        }
    }

    [LoggerMessage(EventId = 3601, Level = LogLevel.Information, Message = "Webhook configuration {Name}: CA bundle set on {Count} webhooks")]
    private static partial void LogInjected(ILogger logger, string name, int count);

    [LoggerMessage(EventId = 3602, Level = LogLevel.Warning, Message = "Could not set the CA bundle of webhook configuration {Name}: {Error}; pods created now get no tolerations from the bridge")]
    private static partial void LogFailed(ILogger logger, string name, string error);
}
