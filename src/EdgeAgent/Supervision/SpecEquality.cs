using System.Runtime.CompilerServices;
using System.Text.Json;
using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.EdgeAgent.Supervision;

/// <summary>
/// Whether two workload specs ask for the same thing. Record equality is not enough: a spec's lists compare by
/// reference, and every parsed document has new lists. The wire form is the spec's meaning, so it is compared; each
/// spec is serialized once (planner passes compare the same instances again and again).
/// </summary>
internal static class SpecEquality
{
    private static readonly ConditionalWeakTable<WorkloadSpec, byte[]> Forms = [];

    /// <summary>True when <paramref name="a"/> and <paramref name="b"/> serialize alike.</summary>
    public static bool Same(WorkloadSpec a, WorkloadSpec b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return ReferenceEquals(a, b) || Form(a).AsSpan().SequenceEqual(Form(b));
    }

    private static byte[] Form(WorkloadSpec spec) =>
        Forms.GetValue(spec, static s => JsonSerializer.SerializeToUtf8Bytes(s, ProtocolJsonContext.Default.WorkloadSpec));
}
