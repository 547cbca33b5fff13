using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsPipeline.Core.Model.Feeds;
using NewsPipeline.Core.Services.Scheduling;
using NewsPipeline.Core.Storage.Queues;

using NewsPipeline.Core.Storage;

using NewsPipeline.Core.Services.Pipeline;

namespace NewsPipeline.Cli.Hosting;

/// <summary>
/// Takes <c>feed-fetch</c> messages off the queue and hands them to <see cref="FeedFetchWorker"/>, as the Functions queue
/// trigger does in Azure: for <c>newsfeed run</c> and the fetch benchmark, which have no trigger engine. A message is
/// deleted once done; one that fails stays on the queue and comes back after its visibility timeout; one delivered
/// <see cref="ScheduleOptions.MaxDequeueCount"/> times, or that is not a fetch message at all, moves to the poison
/// queue, where <see cref="FeedFetchPoison"/> marks its feeds.
/// </summary>
public sealed partial class FetchQueueConsumer(
    FetchQueueStore queue,
    FeedFetchWorker worker,
    FeedFetchPoison poison,
    IOptions<ScheduleOptions> options,
    ILogger<FetchQueueConsumer> logger)
{
    /// <summary>How long a taken message stays invisible to other consumers: twice a full message's expected time.</summary>
    public TimeSpan VisibilityTimeout => TimeSpan.FromSeconds(Math.Max(60, 2.0 * options.Value.MaxFeedsPerMessage * options.Value.SecondsPerFeed));

    /// <summary>Works messages with up to <paramref name="concurrency"/> at once until cancelled, polling every <paramref name="idle"/> when the queue is empty.</summary>
    /// <param name="processed">Called after each message is done.</param>
    /// <param name="feedDone">Called after each feed of a message (the local host parses the blobs it wrote there).</param>
    public async Task RunAsync(int concurrency, TimeSpan idle, Func<FetchMessageReport, CancellationToken, Task>? processed, CancellationToken cancellationToken,
        Func<FeedFetchOutcome, CancellationToken, Task>? feedDone = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        await queue.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        using var slots = new SemaphoreSlim(concurrency, concurrency);
        var running = new List<Task>();
        var receiveFailures = 0;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                var free = 1;
                while (free < 32 && slots.Wait(0, CancellationToken.None))
                {
                    free++;
                }

                QueueMessage[] taken;
                try
                {
                    taken = (await queue.Messages.ReceiveMessagesAsync(free, VisibilityTimeout, cancellationToken).ConfigureAwait(false)).Value;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    slots.Release(free);
                    // Storage down: said once (and every 20th try), then waited out with a growing pause up to 30 s.
                    if (receiveFailures++ % 20 == 0)
                    {
                        LogReceiveFailed(StorageFailure.ReasonOf(e), receiveFailures);
                    }

                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(30_000, idle.TotalMilliseconds * Math.Pow(2, Math.Min(receiveFailures, 10)))), cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (receiveFailures > 0)
                {
                    LogReceiveRecovered(receiveFailures);
                    receiveFailures = 0;
                }

                await ReleaseFailedAsync(cancellationToken).ConfigureAwait(false);

                if (free > taken.Length)
                {
                    slots.Release(free - taken.Length);
                }
                foreach (var message in taken)
                {
                    running.Add(Task.Run(async () =>
                    {
                        try
                        {
                            var report = await HandleAsync(message, cancellationToken, feedDone).ConfigureAwait(false);
                            if (report is not null && processed is not null)
                            {
                                await processed(report, cancellationToken).ConfigureAwait(false);
                            }
                        }
                        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                        {
                            // Stopping: the message stays on the queue and comes back after its visibility timeout.
                        }
                        catch (Exception e)
                        {
                            // Storage lost while deleting or poisoning: the queue delivers the message again.
                            LogHandleFailed(message.MessageId, StorageFailure.ReasonOf(e));
                        }
                        finally
                        {
                            slots.Release();
                        }
                    }, CancellationToken.None));
                }

                running.RemoveAll(t => t.IsCompleted);
                if (taken.Length == 0)
                {
                    await Task.Delay(idle, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        await Task.WhenAll(running).ConfigureAwait(false);
    }

    /// <summary>Handles one delivered message: process and delete, leave for redelivery, or move to the poison queue.</summary>
    /// <returns>What the worker did, or null when the message was not processed (poisoned, failed, malformed).</returns>
    public async Task<FetchMessageReport?> HandleAsync(QueueMessage message, CancellationToken cancellationToken,
        Func<FeedFetchOutcome, CancellationToken, Task>? feedDone = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        var maxDeliveries = options.Value.MaxDequeueCount;
        FeedFetchMessage parsed;
        try
        {
            parsed = FeedFetchMessage.Parse(message.MessageText);
        }
        catch (FormatException e)
        {
            // Malformed now is malformed on every delivery: no point in the five tries.
            LogMalformed(message.MessageId, e.Message);
            await MoveToPoisonAsync(message, cancellationToken).ConfigureAwait(false);
            return null;
        }

        if (message.DequeueCount > maxDeliveries)
        {
            // Taken that many times and never finished (consumers that died mid-message): as the Functions host does.
            await MoveToPoisonAsync(message, cancellationToken).ConfigureAwait(false);
            await poison.HandleAsync(parsed, message.DequeueCount, cancellationToken).ConfigureAwait(false);
            return null;
        }

        FetchMessageReport report;
        try
        {
            report = await worker.ProcessAsync(parsed, cancellationToken, feedDone).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogMessageFailed(parsed.Host, message.DequeueCount, maxDeliveries, StorageFailure.ReasonOf(e));
            if (message.DequeueCount >= maxDeliveries)
            {
                await MoveToPoisonAsync(message, cancellationToken).ConfigureAwait(false);
                await poison.HandleAsync(parsed, message.DequeueCount, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                // Back after RetryDelay, as the Functions host retries a failed message, not after the whole lease (ten
                // minutes for a full message). Storage that is down cannot be told now: the queue loop tells it once
                // storage answers again, so what an outage interrupted is fetched again within a minute of recovery.
                failed.Enqueue((message.MessageId, message.PopReceipt));
                await ReleaseFailedAsync(cancellationToken).ConfigureAwait(false);
            }

            return null;
        }

        await queue.Messages.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
        return report;
    }

    /// <summary>How soon a failed message is offered again (the Functions host's <c>visibilityTimeout</c> in host.json).</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(30);

    private readonly System.Collections.Concurrent.ConcurrentQueue<(string Id, string PopReceipt)> failed = new();

    // Shortens the lease of each failed message to RetryDelay; one that storage still refuses stays for the next try.
    private async Task ReleaseFailedAsync(CancellationToken cancellationToken)
    {
        var count = failed.Count;
        for (var i = 0; i < count && failed.TryDequeue(out var message); i++)
        {
            try
            {
                await queue.Messages.UpdateMessageAsync(message.Id, message.PopReceipt, visibilityTimeout: RetryDelay, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (Azure.RequestFailedException e) when (e.Status is 404 or 400)
            {
                // Taken again meanwhile (its receipt changed) or gone: nothing to shorten.
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failed.Enqueue(message);
                break;
            }
        }
    }

    private async Task MoveToPoisonAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        await queue.Poison.SendMessageAsync(message.MessageText, timeToLive: TimeSpan.FromSeconds(-1), cancellationToken: cancellationToken).ConfigureAwait(false);
        await queue.Messages.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The fetch queue could not be read ({Reason}; {Tries} tries so far); trying again with a growing pause. Check that storage is running and that ArticleStorage points at it")]
    private partial void LogReceiveFailed(string reason, int tries);

    [LoggerMessage(Level = LogLevel.Information, Message = "The fetch queue answers again after {Tries} failed tries")]
    private partial void LogReceiveRecovered(int tries);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fetch message {MessageId} could not be finished ({Reason}); the queue delivers it again after its visibility timeout.")]
    private partial void LogHandleFailed(string messageId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Fetch message {MessageId} is not a fetch message ({Reason}); moved to the poison queue.")]
    private partial void LogMalformed(string messageId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fetch message for host {Host} failed on delivery {Delivery} of {MaxDeliveries} ({Reason}); it comes back after its visibility timeout, and goes to the poison queue after the last.")]
    private partial void LogMessageFailed(string host, long delivery, int maxDeliveries, string reason);
}
