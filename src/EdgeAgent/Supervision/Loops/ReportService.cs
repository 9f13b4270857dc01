using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeWasm.EdgeAgent.Supervision.Loops;

/// <summary>
/// The report loop: after the apply loop's first pass, writes status changes to the store whenever the table changes
/// (bursts collapse into one transaction) and at the resync interval. A failed write is retried on the next wake.
/// </summary>
internal sealed class ReportService(
    WorkloadTable table,
    StatusReporter reporter,
    SupervisorSignals signals,
    IOptions<SupervisorOptions> options,
    TimeProvider time,
    ILogger<ReportService> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await table.Initialized.WaitAsync(stoppingToken).ConfigureAwait(false);
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = options.Value.ResyncInterval;
            try
            {
                await reporter.ReportAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                SupervisorLog.ReportFailed(logger, ex);
                wait = RetryDelay;
            }

            await signals.Report.WaitAsync(wait, time, stoppingToken).ConfigureAwait(false);
        }
    }
}
