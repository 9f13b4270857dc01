namespace EdgeWasm.Protocol.Topics;

/// <summary>A payload is over its channel's limit, so it was not sent (never truncated).</summary>
public sealed class PayloadTooLargeException(TopicKind channel, string what, int size, int limit)
    : Exception($"{what} is {size} bytes, over the {limit}-byte limit of the {channel} channel; it was not sent")
{
    /// <summary>The channel.</summary>
    public TopicKind Channel { get; } = channel;

    /// <summary>The payload's size in bytes.</summary>
    public int Size { get; } = size;

    /// <summary>The channel's limit in bytes.</summary>
    public int Limit { get; } = limit;
}
