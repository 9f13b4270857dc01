namespace EdgeWasm.CloudBridge.Devices;

/// <summary>The device refused a logs request and said why.</summary>
internal sealed class LogsRequestRejectedException(string deviceId, string reason)
    : Exception($"device {deviceId} refused the logs request: {reason}");
