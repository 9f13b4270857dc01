namespace EdgeWasm.Protocol.Topics;

/// <summary>A payload of the topic contract that can check itself once parsed.</summary>
public interface IEnvelope
{
    /// <summary>Null when the envelope makes sense on a topic of device <paramref name="topicDevice"/>; else why not.</summary>
    string? Problem(string topicDevice);
}
