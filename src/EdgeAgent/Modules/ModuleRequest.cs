using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.EdgeAgent.Modules;

/// <summary>What a workload needs from the module cache.</summary>
/// <param name="Image">The image reference as written in the pod.</param>
/// <param name="Digest">The manifest digest the bridge pinned, if any; it wins over the tag.</param>
/// <param name="Policy">When the registry is asked.</param>
/// <param name="Credentials">Pull secrets; the one for the image's registry is used.</param>
/// <param name="Holder">Who pins the module while using it (the workload id).</param>
internal sealed record ModuleRequest(string Image, ContentDigest? Digest, PullPolicy Policy, IReadOnlyList<RegistryCredential> Credentials, string Holder)
{
    /// <summary>The request for a workload, held by its id.</summary>
    public static ModuleRequest For(WorkloadSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new ModuleRequest(spec.Image, spec.Digest, spec.PullPolicy, spec.PullCredentials, spec.Id.ToString());
    }
}
