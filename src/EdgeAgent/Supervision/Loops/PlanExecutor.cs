using EdgeWasm.EdgeAgent.Modules;
using EdgeWasm.EdgeAgent.Store;
using EdgeWasm.EdgeAgent.Supervision.Running;
using EdgeWasm.EdgeAgent.Sync;
using EdgeWasm.Protocol.Profiles;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeWasm.EdgeAgent.Supervision.Loops;

/// <summary>
/// Carries a plan out. Each command checks the entry's phase first, so a command that is stale by the time it runs
/// (the run ended meanwhile, the fetch finished) changes nothing. A command that fails is logged and left to the next
/// pass; the others still run.
/// </summary>
internal sealed class PlanExecutor(
    WorkloadTable table,
    WorkloadRuntime runtime,
    RestoredStatuses restored,
    HardwareProfile profile,
    ModuleCache cache,
    AgentStore store,
    SupervisorSignals signals,
    IOptions<SupervisorOptions> options,
    TimeProvider time,
    ILogger<PlanExecutor> logger)
{
    private readonly SupervisorOptions _options = options.Value;
    private readonly WorkloadRuns _runs = new();

    /// <summary>Runs in progress.</summary>
    public int RunCount => _runs.Count;

    /// <summary>Reads what the store last reported, for workloads admitted in the first passes to resume from.</summary>
    public Task PrepareAsync(CancellationToken cancellationToken) => restored.LoadAsync(cancellationToken);

    /// <summary>
    /// Releases the module pins of workloads the table does not hold. Pins persist across restarts, so a workload that
    /// left the desired state while the agent was down still holds one; called after the first pass.
    /// </summary>
    public async Task ReleaseStalePinsAsync(CancellationToken cancellationToken)
    {
        var wanted = table.Snapshot().Workloads.Keys.Select(id => id.ToString()).ToHashSet(StringComparer.Ordinal);
        var stale = (await store.Blobs.ListPinsAsync(cancellationToken).ConfigureAwait(false)).Where(p => !wanted.Contains(p.Holder)).ToList();
        foreach (var pin in stale) await cache.ReleaseAsync(pin.Holder, cancellationToken).ConfigureAwait(false);
        if (stale.Count > 0) SupervisorLog.StalePinsReleased(logger, stale.Count);
    }

    /// <summary>Drops compiled modules no workload uses any more.</summary>
    public void TrimModules() =>
        runtime.Modules.Retain(table.Snapshot().Workloads.Values.Where(e => e.Module is not null).Select(e => e.Module!.BlobDigest).ToHashSet());

    /// <summary>
    /// Stops a running workload so that it starts again at once (the planner restarts a stopped workload that is still
    /// desired, whatever its restart policy). <see cref="RestartOutcome.NotRunning"/> when it has no run to stop.
    /// </summary>
    public RestartOutcome RequestRestart(Protocol.Documents.WorkloadId id)
    {
        if (table.Find(id) is null) return RestartOutcome.NotFound;
        if (table.Update(id, e => e.Phase == WorkloadPhase.Running ? Lifecycle.StopRequested(e) : null) is null) return RestartOutcome.NotRunning;
        SupervisorLog.Stopping(logger, id, "a restart was asked for");
        _runs.Find(id)?.RequestStop();
        return RestartOutcome.Restarting;
    }

    /// <summary>Runs the plan's commands in order.</summary>
    public async Task ExecuteAsync(Plan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        foreach (var command in plan.Commands)
        {
            try
            {
                await ExecuteAsync(command, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                SupervisorLog.CommandFailed(logger, ex, command.ToString());
            }
        }
    }

    /// <summary>Stops every run and waits, at most <see cref="SupervisorOptions.StopTimeout"/>, until each has recorded its end.</summary>
    public async Task StopAllAsync(CancellationToken cancellationToken)
    {
        var active = _runs.All();
        if (active.Count == 0) return;
        SupervisorLog.StoppingAll(logger, active.Count);
        foreach (var (run, _) in active)
        {
            table.Update(run.Request.Spec.Id, e => e.RunNumber == run.Request.RunNumber && e.Phase == WorkloadPhase.Running ? Lifecycle.StopRequested(e) : null);
            run.RequestStop();
        }

        try
        {
            await Task.WhenAll(active.Select(a => a.Watcher)).WaitAsync(_options.StopTimeout, time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            foreach (var (run, watcher) in active.Where(a => !a.Watcher.IsCompleted))
            {
                RunnerLog.StopTimedOut(logger, run.Request.Spec.Id, _options.StopTimeout);
            }
        }
    }

    private async Task ExecuteAsync(PlanCommand command, CancellationToken cancellationToken)
    {
        var id = command.Id;
        switch (command.Kind)
        {
            case CommandKind.Admit:
            {
                var spec = command.Spec!;
                var limits = profile.ResolveLimits(spec.Limits);
                var previous = table.Find(id);
                table.Set(previous is not null
                    ? Lifecycle.Replace(previous, spec, limits)
                    : Lifecycle.Restore(spec, limits, restored.Take(id), _options));
                break;
            }

            case CommandKind.ReportNotAdmitted:
            {
                var spec = command.Spec!;
                var previous = table.Find(id);
                if (previous?.Phase is WorkloadPhase.Running or WorkloadPhase.Stopping) break;
                table.Set(Lifecycle.Refuse(spec, profile.ResolveLimits(spec.Limits), command.Message!, previous));
                SupervisorLog.NotAdmitted(logger, id, command.Message!);
                break;
            }

            case CommandKind.Replace:
                table.Update(id, e => e.Phase is WorkloadPhase.Running or WorkloadPhase.Stopping ? null : Lifecycle.Replace(e, command.Spec!, profile.ResolveLimits(command.Spec!.Limits)));
                break;

            case CommandKind.Pull:
                if (table.Update(id, e => e.Phase is WorkloadPhase.Pending or WorkloadPhase.PullBackOff ? Lifecycle.PullStarted(e) : null) is not null)
                {
                    signals.Prefetch.Notify();
                }

                break;

            case CommandKind.Start or CommandKind.Restart:
                Start(id);
                break;

            case CommandKind.Hold:
                table.Update(id, e => Lifecycle.Hold(e, command.Message));
                break;

            case CommandKind.Stop:
                if (table.Update(id, e => e.Phase == WorkloadPhase.Running ? Lifecycle.StopRequested(e) : null) is not null)
                {
                    SupervisorLog.Stopping(logger, id, command.Message ?? "asked to");
                    _runs.Find(id)?.RequestStop();
                }

                break;

            case CommandKind.Remove:
                await RemoveAsync(command, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    private void Start(Protocol.Documents.WorkloadId id)
    {
        var now = time.GetUtcNow();
        var started = table.Update(id, e => e.Phase is WorkloadPhase.Ready or WorkloadPhase.BackOff or WorkloadPhase.Stopped && e.Module is not null
            ? Lifecycle.Started(e, now)
            : null);
        if (started is null) return;
        var run = runtime.Start(new RunRequest(started.Spec, started.Limits, started.Module!, started.RunNumber, now));
        _runs.Add(run, WatchAsync);
        RunnerLog.Started(logger, id, started.RunNumber, started.Module!.BlobDigest);
    }

    // Records how a run ended; never throws (it is awaited when the agent stops).
    private async Task WatchAsync(WorkloadRun run)
    {
        // Always yield first: the watcher is registered under the runs' lock and must not finish inside it.
        var outcome = await run.Completion.ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
        var request = run.Request;
        var id = request.Spec.Id;
        var after = table.Update(id, e => e.RunNumber == request.RunNumber && e.Phase is WorkloadPhase.Running or WorkloadPhase.Stopping
            ? Lifecycle.Exited(e, outcome, _options)
            : null);
        _runs.Remove(run);
        if (outcome.Reason is TerminationReason.Completed or TerminationReason.Stopped)
        {
            RunnerLog.Ended(logger, id, outcome.ReasonText, outcome.ExitCode, outcome.Duration);
        }
        else
        {
            RunnerLog.Failed(logger, id, outcome.ReasonText, outcome.ExitCode, outcome.Message);
        }

        if (after is { Phase: WorkloadPhase.BackOff, RetryAt: { } at })
        {
            SupervisorLog.BackingOff(logger, id, at - outcome.FinishedAt, after.Restarts + 1);
        }

        signals.Apply.Notify();
    }

    private async Task RemoveAsync(PlanCommand command, CancellationToken cancellationToken)
    {
        var removed = table.Find(command.Id);
        if (removed is null || removed.Phase is WorkloadPhase.Running or WorkloadPhase.Stopping) return;
        // Out of the table first: a fetch finishing meanwhile then sees it gone and drops the pin it took itself.
        table.Remove(command.Id);
        await cache.ReleaseAsync(command.Id.ToString(), cancellationToken).ConfigureAwait(false);
        var spec = removed.Spec;
        var lastOfPod = !table.Snapshot().Workloads.Values.Any(e => e.Id.PodKey == spec.Id.PodKey && e.Spec.PodUid == spec.PodUid);
        runtime.Volumes.Remove(spec, lastOfPod);
        SupervisorLog.Removed(logger, command.Id, command.Message ?? "removed");
    }
}
