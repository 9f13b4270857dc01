using System.Net;
using EdgeWasm.CloudBridge.Kubernetes.Models;

namespace EdgeWasm.CloudBridge.Kubernetes;

/// <summary>An error answer from the API server, carrying its Status (message, reason, code).</summary>
internal class KubeApiException : Exception
{
    /// <summary>An error for <paramref name="statusCode"/> with the server's Status body, when there was one.</summary>
    public KubeApiException(string message, HttpStatusCode statusCode, KubeStatus? status, Exception? inner = null)
        : base(message, inner)
    {
        StatusCode = statusCode;
        Status = status;
    }

    /// <summary>The HTTP status (or, for a watch ERROR event, the Status code).</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The server's Status, if the body was one.</summary>
    public KubeStatus? Status { get; }

    /// <summary>The Status reason (NotFound, Conflict, Expired, Gone, Invalid, ...), or empty.</summary>
    public string Reason => Status?.Reason ?? "";

    /// <summary>404.</summary>
    public bool IsNotFound => StatusCode == HttpStatusCode.NotFound;

    /// <summary>409 because the object already exists (on create).</summary>
    public bool IsAlreadyExists => StatusCode == HttpStatusCode.Conflict && Reason == "AlreadyExists";

    /// <summary>410: the requested resourceVersion (or continue token) is older than the server keeps.</summary>
    public bool IsGone => StatusCode == HttpStatusCode.Gone || Reason is "Expired" or "Gone";

    /// <summary>Builds the right exception type for a Status.</summary>
    public static KubeApiException FromStatus(string operation, HttpStatusCode statusCode, KubeStatus? status, string? rawBody)
    {
        var detail = status?.Message is { Length: > 0 } m ? m : Truncate(rawBody) ?? statusCode.ToString();
        var reason = status?.Reason is { Length: > 0 } r ? $" ({r}, {(int)statusCode})" : $" ({(int)statusCode})";
        var message = $"{operation}: {detail}{reason}";
        return statusCode == HttpStatusCode.Conflict && status?.Reason != "AlreadyExists"
            ? new KubeConflictException(message, status)
            : new KubeApiException(message, statusCode, status);
    }

    private static string? Truncate(string? body) =>
        string.IsNullOrWhiteSpace(body) ? null : body.Length <= 300 ? body.Trim() : body[..300].Trim() + "…";
}
