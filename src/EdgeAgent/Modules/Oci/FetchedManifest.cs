using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.EdgeAgent.Modules.Oci;

/// <summary>A manifest or index as the registry served it, with its verified digest.</summary>
internal sealed record FetchedManifest(ContentDigest Digest, string MediaType, byte[] Content, OciManifest Manifest);
