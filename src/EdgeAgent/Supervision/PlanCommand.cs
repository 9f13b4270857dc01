using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.EdgeAgent.Supervision;

/// <summary>One step of a plan, keyed by workload.</summary>
/// <param name="Kind">What to do.</param>
/// <param name="Id">To which workload.</param>
/// <param name="Spec">The desired spec, for Admit, ReportNotAdmitted and Replace.</param>
/// <param name="Message">Why: the admission refusal, the reason to stop, what a held workload waits for.</param>
internal sealed record PlanCommand(CommandKind Kind, WorkloadId Id, WorkloadSpec? Spec = null, string? Message = null)
{
    /// <summary>"Kind id" or "Kind id: message", as plan tests compare them.</summary>
    public override string ToString() => Message is null ? $"{Kind} {Id}" : $"{Kind} {Id}: {Message}";
}
