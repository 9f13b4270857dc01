using System.Text.Json.Serialization;
using EdgeWasm.CloudBridge.Kubernetes.Models;

namespace EdgeWasm.CloudBridge.Kubernetes;

/// <summary>
/// Source-generated JSON for the API models: camelCase as the API uses, nulls omitted (so an update never sends
/// a field the object did not have), metav1.Time written with whole seconds.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(KubeTimeJsonConverter)])]
[JsonSerializable(typeof(Pod))]
[JsonSerializable(typeof(KubeList<Pod>))]
[JsonSerializable(typeof(PodStatus))]
[JsonSerializable(typeof(Node))]
[JsonSerializable(typeof(KubeList<Node>))]
[JsonSerializable(typeof(NodeStatus))]
[JsonSerializable(typeof(Lease))]
[JsonSerializable(typeof(KubeList<Lease>))]
[JsonSerializable(typeof(Event))]
[JsonSerializable(typeof(KubeList<Event>))]
[JsonSerializable(typeof(ConfigMap))]
[JsonSerializable(typeof(KubeList<ConfigMap>))]
[JsonSerializable(typeof(Secret))]
[JsonSerializable(typeof(KubeList<Secret>))]
[JsonSerializable(typeof(KubeStatus))]
[JsonSerializable(typeof(TokenReview))]
[JsonSerializable(typeof(KubeList<TokenReview>))]
[JsonSerializable(typeof(SubjectAccessReview))]
[JsonSerializable(typeof(KubeList<SubjectAccessReview>))]
[JsonSerializable(typeof(MutatingWebhookConfiguration))]
[JsonSerializable(typeof(KubeList<MutatingWebhookConfiguration>))]
[JsonSerializable(typeof(DeleteOptions))]
[JsonSerializable(typeof(RawWatchEvent))]
[JsonSerializable(typeof(DockerConfig))]
[JsonSerializable(typeof(Dictionary<string, DockerConfigEntry>))]
internal sealed partial class KubeJsonContext : JsonSerializerContext;
