using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeWasm.CloudBridge.Fleet;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace EdgeWasm.CloudBridge.Admission;

/// <summary>
/// <c>POST /mutate/pods</c>: a mutating admission webhook (AdmissionReview <c>admission.k8s.io/v1</c>) that answers
/// every pod CREATE with <c>allowed: true</c> and, for pods that target wasm32-wasi nodes, a JSON patch adding the
/// no-eviction tolerations (<see cref="TolerationMutator"/>). It never refuses a pod: a webhook that cannot help must
/// not be in the way (the configuration also says <c>failurePolicy: Ignore</c>).
/// </summary>
internal sealed partial class PodMutationWebhook(DeviceCatalog? catalog, ILogger<PodMutationWebhook> logger)
{
    /// <summary>The route.</summary>
    public const string Route = "/mutate/pods";

    private const int MaxBody = 3 * 1024 * 1024;

    /// <summary>Serves one review.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.ContentLength is > MaxBody)
        {
            context.Response.StatusCode = 413;
            return;
        }

        JsonObject? review;
        try
        {
            review = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false) as JsonObject;
        }
        catch (JsonException ex)
        {
            await RefuseAsync(context, $"the body is not JSON: {ex.Message}");
            return;
        }

        var answer = Review(review, IsWasmNode);
        if (answer is null)
        {
            await RefuseAsync(context, "the body is not an admission.k8s.io/v1 AdmissionReview with a request");
            return;
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(answer.ToJsonString()), context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The AdmissionReview answer to <paramref name="review"/>, or null when it is not a v1 review with a request.</summary>
    public JsonObject? Review(JsonObject? review, Func<string, bool> isWasmNode)
    {
        ArgumentNullException.ThrowIfNull(isWasmNode);
        if (review?["apiVersion"]?.GetValue<string>() != "admission.k8s.io/v1" || review["kind"]?.GetValue<string>() != "AdmissionReview"
            || review["request"] is not JsonObject request || request["uid"]?.GetValue<string>() is not { Length: > 0 } uid)
        {
            return null;
        }

        var response = new JsonObject { ["uid"] = uid, ["allowed"] = true };
        var isPodCreate = request["operation"]?.GetValue<string>() == "CREATE" && request["kind"]?["kind"]?.GetValue<string>() == "Pod"
            && string.IsNullOrEmpty(request["subResource"]?.GetValue<string>());
        if (isPodCreate && request["object"] is JsonObject pod && TolerationMutator.Patch(pod, isWasmNode) is { } patch)
        {
            response["patchType"] = "JSONPatch";
            response["patch"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(patch.ToJsonString()));
            var name = pod["metadata"]?["name"]?.GetValue<string>() ?? pod["metadata"]?["generateName"]?.GetValue<string>() ?? "";
            var ns = request["namespace"]?.GetValue<string>() ?? "";
            LogMutated(logger, ns, name);
        }

        return new JsonObject { ["apiVersion"] = "admission.k8s.io/v1", ["kind"] = "AdmissionReview", ["response"] = response };
    }

    private bool IsWasmNode(string nodeName) => catalog?.FindByNode(nodeName) is not null;

    private static async Task RefuseAsync(HttpContext context, string message)
    {
        context.Response.StatusCode = 400;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(message + "\n"), context.RequestAborted).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 3600, Level = LogLevel.Information, Message = "Admission: pod {Namespace}/{Pod} gets the no-eviction tolerations")]
    private static partial void LogMutated(ILogger logger, string @namespace, string pod);
}
