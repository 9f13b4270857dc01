using System.Text;
using EdgeWasm.CloudBridge.Cluster;
using EdgeWasm.CloudBridge.Devices;
using EdgeWasm.CloudBridge.Fleet;
using EdgeWasm.Protocol.Documents;
using EdgeWasm.Protocol.Topics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace EdgeWasm.CloudBridge.KubeletApi;

/// <summary>
/// <c>GET /containerLogs/{namespace}/{pod}/{container}</c> as the kubelet serves it, so <c>kubectl logs</c> works through
/// the API server: the pod's node names the device, the lines come from the device's log ring over the MQTT logs
/// request and response, and <c>tailLines</c>, <c>limitBytes</c>, <c>sinceSeconds</c>/<c>sinceTime</c> and
/// <c>timestamps</c> apply. <c>follow</c> polls the device every second for lines after the last one sent, until the
/// container stops running, the pod goes, or the client hangs up. <c>previous</c> is refused: devices keep one ring
/// per container, not per run.
/// </summary>
internal sealed class ContainerLogsEndpoint(IPodStore pods, DeviceCatalog catalog, IDeviceChannel logs, IKubeletAuthorizer authorizer, KubeletApiOptions options,
    TimeProvider time, ILogger<ContainerLogsEndpoint> logger)
{
    /// <summary>The route pattern.</summary>
    public const string Route = "/containerLogs/{namespace}/{pod}/{container}";

    /// <summary>Serves one request.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ns = (string)context.Request.RouteValues["namespace"]!;
        var podName = (string)context.Request.RouteValues["pod"]!;
        var container = (string)context.Request.RouteValues["container"]!;
        var cancellationToken = context.RequestAborted;

        var pod = pods.Find(ns, podName);
        var device = pod?.Spec.NodeName is { } node ? catalog.FindByNode(node) : null;
        if (pod is null || device is null)
        {
            await FailAsync(context, 404, $"pod \"{podName}\" in namespace \"{ns}\" is not on a node this bridge serves", ns, podName, container, null);
            return;
        }

        var access = await authorizer.AuthorizeAsync(context, device.NodeName, cancellationToken).ConfigureAwait(false);
        if (!access.Allowed)
        {
            await FailAsync(context, access.StatusCode, access.Message, ns, podName, container, access.User);
            return;
        }

        if (!pod.Spec.Containers.Concat(pod.Spec.InitContainers ?? []).Any(c => c.Name == container))
        {
            await FailAsync(context, 404, $"container \"{container}\" not found in pod \"{podName}\"", ns, podName, container, access.User);
            return;
        }

        if (!LogQuery.TryParse(context.Request.Query, out var query, out var error))
        {
            await FailAsync(context, 400, error, ns, podName, container, access.User);
            return;
        }

        if (query.Previous)
        {
            await FailAsync(context, 400, "previous terminated container logs are not available: EdgeWasm devices keep one log ring per container, not per run",
                ns, podName, container, access.User);
            return;
        }

        var workload = new WorkloadId(ns, podName, container);
        LogsResponse first;
        try
        {
            first = await logs.RequestLogsAsync(device.DeviceId, workload, query.TailLines, query.LimitBytes, query.Since(time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or LogsRequestRejectedException)
        {
            await FailAsync(context, 503, ex.Message, ns, podName, container, access.User);
            return;
        }

        if (first.Error is { Length: > 0 } deviceError)
        {
            await FailAsync(context, 404, $"device {device.DeviceId}: {deviceError}", ns, podName, container, access.User);
            return;
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/plain; charset=utf-8";
        var formatter = new LogFormatter(query.Timestamps, query.LimitBytes);
        var cursor = new LogCursor();
        await WriteAsync(context, formatter, cursor.After(first.Lines), cancellationToken).ConfigureAwait(false);
        KubeletApiLog.Served(logger, ns, podName, container, access.User ?? "anonymous", 200);
        if (query.Follow) await FollowAsync(context, device.DeviceId, pod.Metadata.Uid, workload, formatter, cursor, cancellationToken).ConfigureAwait(false);
    }

    private async Task FollowAsync(HttpContext context, string deviceId, string? uid, WorkloadId workload, LogFormatter formatter, LogCursor cursor, CancellationToken cancellationToken)
    {
        try
        {
            while (!formatter.Full)
            {
                await Task.Delay(options.FollowPollInterval, time, cancellationToken).ConfigureAwait(false);
                var running = Running(deviceId, uid, workload);
                var response = await logs.RequestLogsAsync(deviceId, workload, null, null, cursor.Last, cancellationToken).ConfigureAwait(false);
                var fresh = cursor.After(response.Lines);
                await WriteAsync(context, formatter, fresh, cancellationToken).ConfigureAwait(false);
                // The stream ends with the run, as the kubelet's does when the container exits.
                var pod = pods.Find(workload.Namespace, workload.Pod);
                if (!running || pod is null || pod.Metadata.Uid != uid) return;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // kubectl hung up.
        }
        catch (Exception ex) when (ex is TimeoutException or LogsRequestRejectedException)
        {
            // The device went away mid-stream: end it with what was sent, as a broken connection to a kubelet would.
            KubeletApiLog.Failed(logger, workload.Namespace, workload.Pod, workload.Container, ex.Message);
        }
    }

    private bool Running(string deviceId, string? uid, WorkloadId workload) =>
        catalog.Find(deviceId)?.Record?.Workloads.TryGetValue(workload, out var status) == true
        && status.State == WorkloadState.Running && (uid is null || status.PodUid is null || status.PodUid == uid);

    private static async Task WriteAsync(HttpContext context, LogFormatter formatter, IEnumerable<LogEntry> lines, CancellationToken cancellationToken)
    {
        foreach (var line in lines)
        {
            if (formatter.Full) break;
            await context.Response.Body.WriteAsync(formatter.Format(line), cancellationToken).ConfigureAwait(false);
        }

        await context.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task FailAsync(HttpContext context, int status, string message, string ns, string pod, string container, string? user)
    {
        KubeletApiLog.Refused(logger, ns, pod, container, user ?? "anonymous", status, message);
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(message + "\n"), context.RequestAborted).ConfigureAwait(false);
    }
}
