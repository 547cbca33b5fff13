using Microsoft.Azure.Functions.Worker;
using NewsPipeline.Core.Services.Pipeline;

namespace NewsPipeline.Functions;

/// <summary>
/// Hourly (<c>ReconcileSchedule</c>): replays blob events Event Grid dead-lettered after its retries, then parses the
/// blobs of the last days that have neither a row nor a recorded failure, so that an outage's lost parses come back
/// without an operator.
/// </summary>
public sealed class ReconcileArticles(ReconcileService reconcile)
{
    // No RunOnStartup: a pass is idempotent, but every scale-out would start one.
    [Function(nameof(ReconcileArticles))]
    public Task<ReconcileSummary> Run([TimerTrigger("%ReconcileSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        reconcile.RunAsync(cancellationToken);
}
