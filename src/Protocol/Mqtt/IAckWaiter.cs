namespace EdgeWasm.Protocol.Mqtt;

/// <summary>Something waiting for a PUBACK or SUBACK. Called on the network thread: must not block.</summary>
internal interface IAckWaiter
{
    /// <summary>The broker answered with <paramref name="code"/> (a reason code or a granted QoS).</summary>
    void Acknowledged(int code);

    /// <summary>No answer will come.</summary>
    void Failed(Exception error);
}
