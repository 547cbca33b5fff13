using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using NewsPipeline.Core.Services.Pipeline;
using NewsPipeline.Core.Services.Scheduling;
using NewsPipeline.Core.Storage;
using NewsPipeline.Core.Storage.Queues;

namespace NewsPipeline.Functions;

/// <summary>
/// One <c>feed-fetch</c> message: one host's due feeds, fetched one after another. A storage failure throws, and the
/// host delivers the message again; after <c>maxDequeueCount</c> (host.json) it moves it to <c>feed-fetch-poison</c>.
/// New blobs are parsed by <c>ParseArticle</c> (Event Grid); blobs an attempt cut short by an outage stored but never
/// indexed are parsed here as the redelivery finds them, since no new event will come for them.
/// </summary>
public sealed class FetchFeeds(FeedFetchWorker worker, ParseService parse)
{
    [Function(nameof(FetchFeeds))]
    public async Task<FetchMessageReport> Run(
        [QueueTrigger(FetchQueueStore.DefaultName, Connection = StorageOptions.ConnectionName)] QueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return await worker.ProcessAsync(FeedFetchMessage.Parse(message.MessageText), cancellationToken, async (feed, ct) =>
        {
            foreach (var blob in feed.Reoffered)
            {
                await parse.ParseBlobAsync(blob, ct);
            }
        });
    }
}
