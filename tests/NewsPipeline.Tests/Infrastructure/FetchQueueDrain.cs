using Azure.Storage.Queues.Models;
using NewsPipeline.Core.Services.Pipeline;
using NewsPipeline.Core.Services.Scheduling;
using NewsPipeline.Core.Storage.Queues;
using NewsPipeline.Functions;

namespace NewsPipeline.Tests.Infrastructure;

/// <summary>What a scheduler run and the fetch of every message it sent did.</summary>
internal sealed record ScheduledFetch(ScheduleReport Schedule, IReadOnlyList<FetchMessageReport> Messages)
{
    public IReadOnlyList<FeedFetchOutcome> Feeds => Messages.SelectMany(m => m.Fetched).ToList();
    public int New => Messages.Sum(m => m.New);
    public int Failed => Feeds.Count(f => f.Failed);
    public IEnumerable<string> WrittenBlobs => Feeds.SelectMany(f => f.WrittenBlobs);
}

/// <summary>Runs the real scheduler and feeds its real queue messages (on Azurite) to the Functions queue-trigger class.</summary>
internal static class FetchQueueDrain
{
    public static async Task<ScheduledFetch> ScheduleAndFetchAsync(this TestPipeline pipeline)
    {
        var schedule = await pipeline.Create<ScheduleFeeds>().Run(new Microsoft.Azure.Functions.Worker.TimerInfo(), CancellationToken.None);
        return new ScheduledFetch(schedule, await pipeline.DrainAsync());
    }

    /// <summary>Every message visible now, each through <see cref="FetchFeeds"/> and then deleted, as the host does on success.</summary>
    public static async Task<IReadOnlyList<FetchMessageReport>> DrainAsync(this TestPipeline pipeline)
    {
        var queues = pipeline.Get<FetchQueueStore>();
        await queues.EnsureCreatedAsync(CancellationToken.None);
        var function = pipeline.Create<FetchFeeds>();
        var reports = new List<FetchMessageReport>();
        for (var round = 0; round < 1000; round++)
        {
            QueueMessage[] messages = (await queues.Messages.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5))).Value;
            if (messages.Length == 0)
            {
                break;
            }

            foreach (var message in messages)
            {
                reports.Add(await function.Run(message, CancellationToken.None));
                await queues.Messages.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }

        return reports;
    }
}
