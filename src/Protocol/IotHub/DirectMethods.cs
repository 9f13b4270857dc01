namespace EdgeWasm.Protocol.IotHub;

/// <summary>The direct methods an agent answers, and the status codes it answers them with.</summary>
public static class DirectMethods
{
    /// <summary>A workload's logs: payload <see cref="LogsMethodRequest"/>, answer a <c>LogsResponse</c>.</summary>
    public const string GetLogs = "getLogs";

    /// <summary>Restart a running workload now: payload <see cref="WorkloadMethodRequest"/>, answer <c>{}</c>.</summary>
    public const string RestartWorkload = "restartWorkload";

    /// <summary>Is the agent there: no payload, answer a <see cref="PingResponse"/>.</summary>
    public const string Ping = "ping";

    /// <summary>Done.</summary>
    public const int Ok = 200;

    /// <summary>The payload is malformed or names nothing this device has.</summary>
    public const int BadRequest = 400;

    /// <summary>The workload is not known on this device.</summary>
    public const int NotFound = 404;

    /// <summary>The workload is in no state for it (not running, for a restart).</summary>
    public const int Conflict = 409;

    /// <summary>The method does not exist (or this agent cannot do it).</summary>
    public const int NotImplemented = 501;

    /// <summary>The agent failed while answering.</summary>
    public const int Error = 500;

    /// <summary>Largest request or response payload (IoT Hub's limit for direct methods).</summary>
    public const int MaxPayloadBytes = 128 * 1024;
}
