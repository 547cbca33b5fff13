using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsPipeline.Core.Model.Feeds;
using NewsPipeline.Core.Services.Scheduling;
using NewsPipeline.Core.Storage;
using NewsPipeline.Core.Storage.Queues;

namespace NewsPipeline.Functions;

/// <summary>
/// A fetch message the host gave up on (<c>feed-fetch-poison</c>): its feeds count a failure, back off and say so in
/// <c>/api/feeds</c>. The message itself is consumed; its text is in this function's log for the operator.
/// </summary>
public sealed partial class FetchFeedsPoisoned(FeedFetchPoison poison, IOptions<ScheduleOptions> schedule, ILogger<FetchFeedsPoisoned> logger)
{
    [Function(nameof(FetchFeedsPoisoned))]
    public async Task<int> Run(
        [QueueTrigger(FetchQueueStore.DefaultPoisonName, Connection = StorageOptions.ConnectionName)] QueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        FeedFetchMessage parsed;
        try
        {
            parsed = FeedFetchMessage.Parse(message.MessageText);
        }
        catch (FormatException e)
        {
            // Nothing to mark; failing would only poison the poison queue's own message.
            LogUnreadable(message.MessageId, e.Message, message.MessageText.Length > 500 ? message.MessageText[..500] : message.MessageText);
            return 0;
        }

        // This message's own dequeue count starts again at 1 in the poison queue: the original was delivered maxDequeueCount times.
        return await poison.HandleAsync(parsed, schedule.Value.MaxDequeueCount, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Poisoned fetch message {MessageId} is not a fetch message ({Reason}); dropped. Text: {Text}")]
    private partial void LogUnreadable(string messageId, string reason, string text);
}
