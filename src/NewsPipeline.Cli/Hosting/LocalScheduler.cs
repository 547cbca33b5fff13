using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NewsPipeline.Core.Services.Pipeline;
using NewsPipeline.Core.Services.Scheduling;

namespace NewsPipeline.Cli.Hosting;

/// <summary>
/// Runs the pipeline locally as Azure does, with the same queue on Azurite and the same Core services: the scheduler on
/// the <c>FetchSchedule</c> CRON (every minute by default) sends due feeds to <c>feed-fetch</c>; a queue loop takes the
/// messages as the Functions queue trigger would and fetches them; each blob written is parsed (the local stand-in for
/// the Event Grid blob trigger). Unlike the Functions timer the scheduler runs once at start, so a newcomer sees
/// articles at once.
/// </summary>
internal sealed partial class LocalScheduler(
    FeedScheduler scheduler,
    FetchQueueConsumer consumer,
    ParseService parse,
    ReconcileService reconcile,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<LocalScheduler> logger) : BackgroundService
{
    /// <summary>Messages fetched at once: each is one host's feeds, so this is also the hosts asked at once.</summary>
    private const int FetchConcurrency = 8;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedule = FetchSchedule.Parse(configuration[FetchSchedule.SettingName], clock);
        var fetching = consumer.RunAsync(FetchConcurrency, TimeSpan.FromSeconds(1), null, stoppingToken, ParseWrittenAsync);
        var reconciling = ReconcileLoopAsync(stoppingToken);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await ScheduleAsync(stoppingToken).ConfigureAwait(false);
                var now = clock.GetUtcNow();
                var next = schedule.GetNextOccurrence(now, TimeZoneInfo.Utc);
                if (next is null)
                {
                    break;
                }

                await Task.Delay(next.Value - now, clock, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await fetching.ConfigureAwait(false);
        await reconciling.ConfigureAwait(false);
    }

    /// <summary>
    /// The local ReconcileArticles: once at start (a restart after an outage finds what the last run left unparsed),
    /// then on <c>ReconcileSchedule</c> (hourly by default).
    /// </summary>
    private async Task ReconcileLoopAsync(CancellationToken stoppingToken)
    {
        var schedule = ReconcileSchedule.Parse(configuration[ReconcileSchedule.SettingName], clock);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await reconcile.RunAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    LogReconcileFailed(NewsPipeline.Core.Storage.StorageFailure.ReasonOf(e));
                }

                var now = clock.GetUtcNow();
                if (schedule.GetNextOccurrence(now, TimeZoneInfo.Utc) is not { } next)
                {
                    break;
                }

                await Task.Delay(next - now, clock, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The reconciliation pass failed: {Reason}. It runs again on ReconcileSchedule; check that storage is running")]
    private partial void LogReconcileFailed(string reason);

    private async Task ScheduleAsync(CancellationToken cancellationToken)
    {
        try
        {
            await scheduler.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Storage down or similar: the due feeds stay due, and the next run picks them up. The reason is the
            // operator's; the stack trace (Debug) is for a bug report, not for every minute while Azurite is stopped.
            LogPassFailed(NewsPipeline.Core.Storage.StorageFailure.ReasonOf(e));
            LogPassFailedDetail(e);
        }
    }

    // Each feed's articles are parsed as soon as the feed is done, not when its whole message is: a later feed of the
    // same host that hangs for minutes must not hold back what the earlier ones wrote.
    private async Task ParseWrittenAsync(FeedFetchOutcome feed, CancellationToken cancellationToken)
    {
        if (!feed.ToParse.Any())
        {
            return;
        }

        int parsed = 0, failed = 0;
        foreach (var blob in feed.ToParse)
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

        LogFeedParsed(feed.Feed.Name, feed.New, parsed, failed);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed {Feed}: {New} new articles, {Parsed} parsed, {ParseFailed} parse failures (newsfeed failures lists them)")]
    private partial void LogFeedParsed(string feed, int @new, int parsed, int parseFailed);

    [LoggerMessage(Level = LogLevel.Error, Message = "The fetch pass failed: {Reason}. The scheduler tries again at its next run; check that storage is running (Azurite: `npm run azurite`) and that ArticleStorage points at it")]
    private partial void LogPassFailed(string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The failed scheduler run, for a bug report")]
    private partial void LogPassFailedDetail(Exception exception);
}
