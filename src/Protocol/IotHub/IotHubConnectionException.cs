namespace EdgeWasm.Protocol.IotHub;

/// <summary>A device's request could not reach IoT Hub, or the connection was lost before the hub answered.</summary>
public sealed class IotHubConnectionException(string message, Exception? inner = null) : Exception(message, inner);
