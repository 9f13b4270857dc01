namespace EdgeWasm.Protocol.Topics;

/// <summary>The channels under <c>edgewasm/v1/devices/{device}/</c>.</summary>
public enum TopicKind
{
    /// <summary><c>desired</c>: the whole versioned desired document, retained, QoS 1, cloud → device.</summary>
    Desired,
    /// <summary><c>reported</c>: one status change with a sequence number, QoS 1, device → cloud.</summary>
    Reported,
    /// <summary><c>online</c>: presence, retained; the device's last will says offline.</summary>
    Online,
    /// <summary><c>heartbeat</c>: periodic liveness, QoS 0, device → cloud.</summary>
    Heartbeat,
    /// <summary><c>logs/req</c>: a log request, QoS 1, cloud → device.</summary>
    LogsRequest,
    /// <summary><c>logs/res/{id}</c>: the answer to request {id}, QoS 1, device → cloud.</summary>
    LogsResponse,
    /// <summary><c>rejected</c>: the device refused something the cloud sent, with the reason, QoS 1.</summary>
    Rejected,
}
