using Microsoft.Extensions.Options;

namespace NewsPipeline.Core.Feeds.Registry;

/// <summary>Seeds the registry from the <c>Feeds</c> setting (placeholder until the registry administration lands).</summary>
public sealed class FeedRegistrySeeder(FeedRegistry registry, IOptionsMonitor<FeedListOptions> feedList, TimeProvider clock)
{
    private string? seeded;

    public async Task EnsureSeededAsync(CancellationToken cancellationToken)
    {
        var setting = feedList.CurrentValue;
        var feeds = setting.Parse();
        var key = string.Join('\n', feeds.Select(f => f.Name + "=" + f.Location));
        if (key == seeded)
        {
            return;
        }

        foreach (var feed in feeds)
        {
            await registry.TryAddAsync(new FeedRecord
            {
                Name = feed.Name,
                Url = feed.Location,
                Enabled = feed.Enabled,
                Origin = FeedOrigins.Setting,
                TimeoutSeconds = feed.TimeoutSeconds,
                MaxFeedBytes = feed.MaxFeedBytes,
                NextCheckAt = clock.GetUtcNow(),
            }, cancellationToken).ConfigureAwait(false);
        }

        seeded = key;
    }
}
