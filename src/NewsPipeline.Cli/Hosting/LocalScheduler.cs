using Cronos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NewsPipeline.Core.Pipeline;

namespace NewsPipeline.Cli.Hosting;

/// <summary>
/// Runs the pipeline locally as Azure does: a fetch pass on the <c>FetchSchedule</c> CRON, and a parse of each blob
/// it wrote (the local stand-in for the Event Grid blob trigger). Unlike the Functions timer it runs once at start,
/// so a newcomer sees articles at once.
/// </summary>
internal sealed partial class LocalScheduler(
    FetchService fetch,
    ParseService parse,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<LocalScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedule = FetchSchedule.Parse(configuration[FetchSchedule.SettingName], clock);
        while (!stoppingToken.IsCancellationRequested)
        {
            await RunPassAsync(stoppingToken).ConfigureAwait(false);
            var now = clock.GetUtcNow();
            var next = schedule.GetNextOccurrence(now, TimeZoneInfo.Utc);
            if (next is null)
            {
                return;
            }

            LogNextPass(next.Value);
            await Task.Delay(next.Value - now, clock, stoppingToken).ConfigureAwait(false);
        }
    }

    public async Task RunPassAsync(CancellationToken cancellationToken)
    {
        try
        {
            var report = await fetch.RunAsync(null, cancellationToken).ConfigureAwait(false);
            int parsed = 0, failed = 0;
            foreach (var blob in report.WrittenBlobs)
            {
                var outcome = await parse.ParseBlobAsync(blob, cancellationToken).ConfigureAwait(false);
                if (outcome.Succeeded)
                {
                    parsed++;
                }
                else
                {
                    failed++;
                }
            }

            LogPass(report.Feeds.Count, report.New, parsed, failed, report.Failed);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Storage down or similar: this pass is lost, the next one picks the feeds up again. The reason is the
            // operator's; the stack trace (Debug) is for a bug report, not for every pass while Azurite is stopped.
            LogPassFailed(NewsPipeline.Core.ReasonText.WithoutFinalPeriod(Innermost(e).Message.Split('\n', 2)[0].Trim()));
            LogPassFailedDetail(e);
        }
    }

    // The SDK wraps its retries (AggregateException) and a network failure (RequestFailedException, status 0).
    private static Exception Innermost(Exception e) => e switch
    {
        AggregateException { InnerExceptions.Count: > 0 } aggregate => Innermost(aggregate.InnerExceptions[^1]),
        Azure.RequestFailedException { Status: 0, InnerException: { } network } => Innermost(network),
        _ => e,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Pass done: {Feeds} feeds, {New} new articles, {Parsed} parsed, {ParseFailed} parse failures, {FeedsFailed} feeds failed")]
    private partial void LogPass(int feeds, int @new, int parsed, int parseFailed, int feedsFailed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Next fetch pass at {Next:u}")]
    private partial void LogNextPass(DateTimeOffset next);

    [LoggerMessage(Level = LogLevel.Error, Message = "The fetch pass failed: {Reason}. It is retried at the next scheduled pass; check that storage is running (Azurite: `npm run azurite`) and that ArticleStorage points at it")]
    private partial void LogPassFailed(string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The failed fetch pass, for a bug report")]
    private partial void LogPassFailedDetail(Exception exception);
}
