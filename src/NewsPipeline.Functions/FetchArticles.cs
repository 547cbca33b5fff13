using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using NewsPipeline.Core.Pipeline;

namespace NewsPipeline.Functions;

/// <summary>Fetches every configured feed on the <c>FetchSchedule</c> and writes one blob per new article.</summary>
public sealed partial class FetchArticles(FetchService fetch, ILogger<FetchArticles> logger)
{
    // No RunOnStartup: a pass that is late or overlaps another is harmless (blobs are created only if absent),
    // but starting one on every scale-out would fetch each feed once per instance.
    [Function(nameof(FetchArticles))]
    public async Task<FetchReport> Run([TimerTrigger("%FetchSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        if (timer.IsPastDue)
        {
            LogPastDue();
        }

        var report = await fetch.RunAsync(null, cancellationToken);
        LogPass(report.Feeds.Count, report.New, report.Failed);
        return report;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The fetch timer is past due; running now")]
    private partial void LogPastDue();

    [LoggerMessage(Level = LogLevel.Information, Message = "Fetch pass done: {Feeds} feeds, {New} new articles, {Failed} feeds failed")]
    private partial void LogPass(int feeds, int @new, int failed);
}
