using Azure.Storage.Queues;

namespace NewsPipeline.Core.Storage.Queues;

/// <summary>
/// The <c>feed-fetch</c> queue between the scheduler and the fetch workers, and its poison queue (where the Functions
/// host, or <c>newsfeed run</c>, moves a message delivered <see cref="Feeds.Registry.ScheduleOptions.MaxDequeueCount"/> times).
/// </summary>
public sealed class FetchQueueStore
{
    /// <summary>The queue's name in Azure, fixed because the queue trigger names it in code (<c>functions.metadata</c>).</summary>
    public const string DefaultName = StorageOptions.DefaultFetchQueue;

    /// <summary>The Functions host's poison queue for <see cref="DefaultName"/>: the host adds <c>-poison</c>.</summary>
    public const string DefaultPoisonName = DefaultName + PoisonSuffix;

    public const string PoisonSuffix = "-poison";

    private readonly CreateOnce created;

    public FetchQueueStore(StorageClients clients, Microsoft.Extensions.Options.IOptions<StorageOptions> storage)
    {
        Messages = clients.Queues.GetQueueClient(storage.Value.FetchQueue);
        Poison = clients.Queues.GetQueueClient(storage.Value.FetchQueue + PoisonSuffix);
        created = new CreateOnce(async ct =>
        {
            await Messages.CreateIfNotExistsAsync(cancellationToken: ct).ConfigureAwait(false);
            await Poison.CreateIfNotExistsAsync(cancellationToken: ct).ConfigureAwait(false);
        });
    }

    public QueueClient Messages { get; }

    public QueueClient Poison { get; }

    public Task EnsureCreatedAsync(CancellationToken cancellationToken) => created.EnsureAsync(cancellationToken);

    public async Task SendAsync(FeedFetchMessage message, TimeSpan visibleAfter, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        // The message lives until fetched: a backlog is worked off, never silently expired (the default is 7 days).
        await Messages.SendMessageAsync(message.ToJson(), visibleAfter, TimeSpan.FromSeconds(-1), cancellationToken).ConfigureAwait(false);
    }
}
