using System.Text.Json.Nodes;

namespace EdgeWasm.TestSupport.ApiServer;

/// <summary>One committed change: the object after it (for DELETED: its last state) and before it.</summary>
internal sealed record StoredEvent(long ResourceVersion, ApiResource Resource, string Type, JsonObject Object, JsonObject? Previous);
