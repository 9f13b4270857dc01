namespace EdgeWasm.Protocol.IotHub;

/// <summary>IoT Hub answered a device's request with a status other than success (400, 429, 5xx, …).</summary>
public sealed class IotHubStatusException(string operation, int status, string? detail)
    : Exception($"IoT Hub answered the {operation} with {status}{(string.IsNullOrEmpty(detail) ? "" : ": " + detail)}")
{
    /// <summary>The request, e.g. <c>reported properties patch</c>.</summary>
    public string Operation { get; } = operation;

    /// <summary>The hub's status code.</summary>
    public int Status { get; } = status;

    /// <summary>Whether trying again later can help: throttling (429) and server errors (5xx).</summary>
    public bool IsTransient => Status is 429 or >= 500;
}
