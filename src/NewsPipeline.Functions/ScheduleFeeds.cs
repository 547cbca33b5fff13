using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using NewsPipeline.Core.Services.Scheduling;

namespace NewsPipeline.Functions;

/// <summary>Every minute (<c>FetchSchedule</c>): claims the due feeds of the registry and sends them, one message per host, to <c>feed-fetch</c>.</summary>
public sealed partial class ScheduleFeeds(FeedScheduler scheduler, ILogger<ScheduleFeeds> logger)
{
    // No RunOnStartup: claims make an extra run harmless, but every scale-out would start one.
    [Function(nameof(ScheduleFeeds))]
    public async Task<ScheduleReport> Run([TimerTrigger("%FetchSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        if (timer.IsPastDue)
        {
            LogPastDue();
        }

        return await scheduler.RunAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The scheduler timer is past due; running now")]
    private partial void LogPastDue();
}
