using System.Text.Json;
using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.EdgeAgent.Supervision;

/// <summary>
/// Whether two workload specs ask for the same thing. Record equality is not enough: a spec's lists compare by
/// reference, and every parsed document has new lists. The wire form is the spec's meaning, so it is compared.
/// </summary>
internal static class SpecEquality
{
    /// <summary>True when <paramref name="a"/> and <paramref name="b"/> serialize alike.</summary>
    public static bool Same(WorkloadSpec a, WorkloadSpec b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return ReferenceEquals(a, b)
            || JsonSerializer.SerializeToUtf8Bytes(a, ProtocolJsonContext.Default.WorkloadSpec).AsSpan()
                .SequenceEqual(JsonSerializer.SerializeToUtf8Bytes(b, ProtocolJsonContext.Default.WorkloadSpec));
    }
}
