using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeWasm.EdgeAgent.Supervision.Loops;

/// <summary>
/// The apply loop: plans and executes a reconcile pass whenever something changed (a desired document, a fetched
/// module, an ended run), when a back-off ends, and at the resync interval. The first pass resumes the store's last
/// applied document, so an agent that starts offline runs what it ran. Stopping the agent stops every workload,
/// records its end and writes the statuses before the host goes on.
/// </summary>
internal sealed class ApplyService(
    DesiredProvider desired,
    Planner planner,
    PlanExecutor executor,
    WorkloadTable table,
    StatusReporter reporter,
    SupervisorSignals signals,
    IOptions<SupervisorOptions> options,
    TimeProvider time,
    ILogger<ApplyService> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await executor.PrepareAsync(stoppingToken).ConfigureAwait(false);
        var first = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = options.Value.ResyncInterval;
            try
            {
                if (await desired.CurrentAsync(stoppingToken).ConfigureAwait(false) is { } document)
                {
                    var now = time.GetUtcNow();
                    var plan = planner.Plan(document, table.Snapshot(), now);
                    if (plan.Commands.Count > 0) SupervisorLog.Planned(logger, plan);
                    await executor.ExecuteAsync(plan, stoppingToken).ConfigureAwait(false);
                    if (plan.WakeAt is { } wake && wake - now < wait) wait = wake - now;
                }

                if (first)
                {
                    await executor.ReleaseStalePinsAsync(stoppingToken).ConfigureAwait(false);
                    table.MarkInitialized();
                    first = false;
                }

                executor.TrimModules();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                SupervisorLog.PassFailed(logger, ex);
            }

            await signals.Apply.WaitAsync(wait, time, stoppingToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await executor.StopAllAsync(cancellationToken).ConfigureAwait(false);
        await reporter.ReportAsync(cancellationToken).ConfigureAwait(false);
    }
}
