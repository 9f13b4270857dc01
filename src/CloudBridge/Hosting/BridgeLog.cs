using Microsoft.Extensions.Logging;

namespace EdgeWasm.CloudBridge.Hosting;

/// <summary>Source-generated log messages of the bridge host (event ids 3000–3049).</summary>
internal static partial class BridgeLog
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "EdgeWasm bridge {Version}: {Mode}; devices through {Transport}; {Devices} configured devices, discovery {Discovery}; data in {DataDir}")]
    public static partial void Starting(ILogger logger, string version, string mode, string transport, int devices, bool discovery, string dataDir);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Nodes advertise {Address}:{Port} for the kubelet API")]
    public static partial void Advertising(ILogger logger, string address, int port);
}
