using Microsoft.Extensions.Logging;
using NewsPipeline.Core.Model.Feeds;
using NewsPipeline.Core.Storage.Queues;
using NewsPipeline.Core.Storage.Registry;

namespace NewsPipeline.Core.Services.Scheduling;

/// <summary>
/// A fetch message that reached the poison queue: it was delivered <see cref="ScheduleOptions.MaxDequeueCount"/> times
/// and never completed (a worker crashed, timed out or lost storage each time). Each of its feeds still under that
/// claim counts one failure, backs off, and says so in <c>/api/feeds</c>; the message stays in the poison queue for an
/// operator to read.
/// </summary>
public sealed partial class FeedFetchPoison(FeedRegistryStore registry, FeedSchedulePolicy schedule, TimeProvider clock, ILogger<FeedFetchPoison> logger)
{
    public async Task<int> HandleAsync(FeedFetchMessage message, long dequeueCount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var marked = 0;
        var now = clock.GetUtcNow();
        var error = $"The fetch message for host {message.Host} was delivered {dequeueCount} times without completing and went to the poison queue; " +
                    "look in the worker's logs for the failure.";
        foreach (var claimed in message.Feeds)
        {
            var updated = await registry.UpdateAsync(claimed.Name, current =>
                current.ClaimId == claimed.ClaimId ? schedule.AfterFailure(current, now, error) : null,
                cancellationToken).ConfigureAwait(false);
            if (updated is not null && updated.LastError == error)
            {
                marked++;
            }
        }

        LogPoisoned(message.Host, message.Feeds.Count, marked, dequeueCount);
        return marked;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Fetch message for host {Host} ({Feeds} feeds) was poisoned after {Deliveries} deliveries; {Marked} feeds marked failed and backed off. Read the message in the poison queue and the worker's errors.")]
    private partial void LogPoisoned(string host, int feeds, int marked, long deliveries);
}
