using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>
/// Base of every API model: fields this client does not model are kept here, so that an update (PUT) of an
/// object read from a newer API server does not drop them.
/// </summary>
internal abstract record KubeModel
{
    /// <summary>Fields the client does not model, kept verbatim (settable: System.Text.Json cannot fill extension data through init).</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}
