using EdgeWasm.Protocol.Documents;
using EdgeWasm.Protocol.Profiles;

namespace EdgeWasm.EdgeAgent.Supervision;

/// <summary>
/// The reconciler's pure core: from the desired document, the current state and the time, the commands that move the
/// device toward the document. Workloads that left the document are stopped, then removed; admission decides what
/// fits; modules are fetched for every admitted workload at once; a pod's init workloads run one after another to
/// completion before its other workloads start; ended workloads restart when their back-off is over.
/// </summary>
internal sealed class Planner(HardwareProfile profile)
{
    /// <summary>The plan for one pass.</summary>
    public Plan Plan(DesiredState desired, CurrentState current, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(current);
        var pass = new Pass(current, now, Admission.Decide(desired, current, profile));
        var wanted = desired.Workloads.ToDictionary(w => w.Id);
        foreach (var entry in current.Workloads.Values.OrderBy(e => e.Id.ToString(), StringComparer.Ordinal))
        {
            if (wanted.TryGetValue(entry.Id, out var spec) && spec.PodUid == entry.Spec.PodUid) continue;
            pass.Leave(entry, spec is null ? "removed from the desired state" : "its pod was re-created");
        }

        foreach (var pod in desired.Workloads.GroupBy(w => w.Id.PodKey))
        {
            var inits = pod.Where(w => w.Init).OrderBy(w => w.Order).ThenBy(w => w.Id.Container, StringComparer.Ordinal).ToList();
            foreach (var workload in inits.Concat(pod.Where(w => !w.Init))) pass.Reconcile(workload, Gate(workload, inits, current));
        }

        return new Plan(pass.Commands, pass.WakeAt);
    }

    // What keeps a workload from starting: an earlier init workload of its pod that has not completed (null: nothing).
    private static string? Gate(WorkloadSpec workload, List<WorkloadSpec> inits, CurrentState current)
    {
        foreach (var init in workload.Init ? inits.TakeWhile(i => i.Id != workload.Id) : inits)
        {
            var entry = current.Find(init.Id);
            var same = entry is not null && SpecEquality.Same(entry.Spec, init);
            if (same && entry!.Phase == WorkloadPhase.Completed) continue;
            return same && entry!.Phase == WorkloadPhase.Failed
                ? $"init workload {init.Id.Container} failed"
                : $"waiting for init workload {init.Id.Container}";
        }

        return null;
    }

    private sealed class Pass(CurrentState current, DateTimeOffset now, AdmissionResult admission)
    {
        public List<PlanCommand> Commands { get; } = [];

        public DateTimeOffset? WakeAt { get; private set; }

        public void Leave(WorkloadEntry entry, string why)
        {
            switch (entry.Phase)
            {
                case WorkloadPhase.Running:
                    Add(CommandKind.Stop, entry.Id, message: why);
                    break;
                case WorkloadPhase.Stopping:
                    break;
                default:
                    Add(CommandKind.Remove, entry.Id, message: why);
                    break;
            }
        }

        public void Reconcile(WorkloadSpec workload, string? gate)
        {
            var entry = current.Find(workload.Id);
            // The old pod's entry has to leave first (see Leave); the new pod is taken on in a later pass.
            if (entry is not null && entry.Spec.PodUid != workload.PodUid) return;
            if (!admission.IsAdmitted(workload.Id, out var refusal))
            {
                Refuse(workload, entry, refusal!);
                return;
            }

            WorkloadPhase phase;
            string? waitingFor = null;
            if (entry is null || entry.Phase == WorkloadPhase.NotAdmitted)
            {
                Add(CommandKind.Admit, workload.Id, workload);
                phase = WorkloadPhase.Pending;
            }
            else if (!SpecEquality.Same(entry.Spec, workload))
            {
                if (entry.Phase == WorkloadPhase.Running) Add(CommandKind.Stop, workload.Id, message: "its spec changed");
                if (entry.Phase is WorkloadPhase.Running or WorkloadPhase.Stopping) return;
                Add(CommandKind.Replace, workload.Id, workload);
                phase = WorkloadPhase.Pending;
            }
            else
            {
                phase = entry.Phase;
                waitingFor = entry.WaitingFor;
            }

            var retryAt = phase is WorkloadPhase.PullBackOff or WorkloadPhase.BackOff ? entry!.RetryAt : null;
            var due = retryAt is null || retryAt <= now;
            if (!due) Wake(retryAt!.Value);
            var started = false;
            switch (phase)
            {
                case WorkloadPhase.Pending:
                case WorkloadPhase.PullBackOff when due:
                    Add(CommandKind.Pull, workload.Id);
                    break;
                case WorkloadPhase.Ready when gate is null:
                    Add(CommandKind.Start, workload.Id);
                    started = true;
                    break;
                case WorkloadPhase.BackOff when due && gate is null:
                case WorkloadPhase.Stopped when gate is null:
                    Add(CommandKind.Restart, workload.Id);
                    started = true;
                    break;
            }

            var waits = phase is WorkloadPhase.Pending or WorkloadPhase.Pulling or WorkloadPhase.PullBackOff or WorkloadPhase.Ready or WorkloadPhase.BackOff or WorkloadPhase.Stopped;
            if (waits && !started && gate != waitingFor) Add(CommandKind.Hold, workload.Id, message: gate);
        }

        private void Refuse(WorkloadSpec workload, WorkloadEntry? entry, string refusal)
        {
            switch (entry?.Phase)
            {
                case WorkloadPhase.Running:
                    Add(CommandKind.Stop, workload.Id, message: "no longer admitted: " + refusal);
                    break;
                case WorkloadPhase.Stopping:
                    break;
                case WorkloadPhase.NotAdmitted when entry.Message == refusal && SpecEquality.Same(entry.Spec, workload):
                    break;
                default:
                    Add(CommandKind.ReportNotAdmitted, workload.Id, workload, refusal);
                    break;
            }
        }

        private void Wake(DateTimeOffset at)
        {
            if (WakeAt is null || at < WakeAt) WakeAt = at;
        }

        private void Add(CommandKind kind, WorkloadId id, WorkloadSpec? spec = null, string? message = null) =>
            Commands.Add(new PlanCommand(kind, id, spec, message));
    }
}
