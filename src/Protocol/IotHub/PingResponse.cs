namespace EdgeWasm.Protocol.IotHub;

/// <summary>The answer to <c>ping</c>.</summary>
public sealed record PingResponse
{
    /// <summary>The device.</summary>
    public required string DeviceId { get; init; }

    /// <summary>The device's clock when it answered.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>The desired version it runs.</summary>
    public long AppliedVersion { get; init; }

    /// <summary>Changes not yet in the twin.</summary>
    public long OutboxPending { get; init; }

    /// <summary>The agent's version.</summary>
    public string? AgentVersion { get; init; }
}
