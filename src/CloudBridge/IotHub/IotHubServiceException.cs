using System.Net;

namespace EdgeWasm.CloudBridge.IotHub;

/// <summary>IoT Hub's service API refused a request; the hub's error code says why (DeviceNotFound, PreconditionFailed, 404103, …).</summary>
internal sealed class IotHubServiceException(string operation, HttpStatusCode status, string? errorCode, string detail)
    : Exception($"IoT Hub {operation} failed with {(int)status} {errorCode}: {detail}")
{
    /// <summary>The HTTP status.</summary>
    public HttpStatusCode Status { get; } = status;

    /// <summary>The hub's error code (a name such as <c>DeviceNotFound</c>, or a number such as <c>404103</c>).</summary>
    public string? ErrorCode { get; } = errorCode;

    /// <summary>Whether the device was not connected for a direct method, or did not answer in time.</summary>
    public bool DeviceDidNotAnswer => ErrorCode is "404103" or "DeviceNotOnline" or "504101" or "GatewayTimeout" || Status == HttpStatusCode.GatewayTimeout;
}
