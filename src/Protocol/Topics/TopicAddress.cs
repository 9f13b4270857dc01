namespace EdgeWasm.Protocol.Topics;

/// <summary>What a topic under the contract addresses: a device, a channel and, for log responses, the request id.</summary>
public readonly record struct TopicAddress(string DeviceId, TopicKind Kind, string? RequestId = null);
