using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.Protocol.IotHub;

/// <summary>What a twin's desired properties hold for the agent, as <see cref="DesiredTwin.Read"/> found it.</summary>
/// <param name="Present">Whether the <c>edgewasm</c> property is there at all.</param>
/// <param name="Document">The decoded, checked document; null when absent or refused.</param>
/// <param name="Problem">Why the document was refused; null when absent or decoded.</param>
/// <param name="Version">The document's version as the envelope states it, when it could be read.</param>
/// <param name="Sha256">The envelope's content hash, when it could be read: the same hash means the same document.</param>
/// <param name="EncodedBytes">Size of the property by the twin size rule.</param>
public sealed record DesiredTwinContent(bool Present, DesiredState? Document, string? Problem, long? Version, string? Sha256, long EncodedBytes)
{
    /// <summary>Nothing for the agent in the twin.</summary>
    public static DesiredTwinContent Absent { get; } = new(false, null, null, null, null, 0);
}
