using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.EdgeAgent.Store;

/// <summary>The last applied desired document and when it was stored.</summary>
internal sealed record StoredDesiredState(DesiredState Document, DateTimeOffset SavedAt);
