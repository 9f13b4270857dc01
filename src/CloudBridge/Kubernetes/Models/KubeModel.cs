using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>
/// Base of every API model: fields this client does not model are kept here, so that an update (PUT) of an
/// object read from a newer API server does not drop them.
/// </summary>
/// <remarks>
/// Model properties that have a default value (an empty spec, an empty list) use <c>set</c>, not <c>init</c>:
/// System.Text.Json source generation fills init-only properties through an object initializer and so replaces
/// their defaults with null when the JSON lacks them.
/// </remarks>
internal abstract record KubeModel
{
    /// <summary>Fields the client does not model, kept verbatim (settable: System.Text.Json cannot fill extension data through init).</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}
