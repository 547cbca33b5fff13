using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsPipeline.Core.Model.Feeds;
using NewsPipeline.Core.Storage.Registry;

namespace NewsPipeline.Core.Services.Registry;

/// <summary>
/// Keeps the registry in step with the <c>Feeds</c> setting, which still works beside the registry: each feed of the
/// setting is added (origin <c>setting</c>), a changed URL or override is taken (the old validators and known items
/// dropped: they belong to the old address), a feed removed from the setting is disabled — never deleted, its articles
/// kept — and put back when it returns. Feeds added by hand or by import are never touched. Runs once per process and
/// again whenever the setting's value changes, so later calls cost nothing.
/// </summary>
public sealed partial class FeedRegistrySeeder(FeedRegistryStore registry, IOptionsMonitor<FeedListOptions> feedList, TimeProvider clock, ILogger<FeedRegistrySeeder> logger) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private string? seeded;

    public async Task EnsureSeededAsync(CancellationToken cancellationToken)
    {
        var setting = feedList.CurrentValue.Parse();
        var key = string.Join('\n', setting.Select(f => $"{f.Name}={f.Location};{f.TimeoutSeconds};{f.MaxFeedBytes};{f.Enabled}"));
        if (key == Volatile.Read(ref seeded))
        {
            return;
        }

        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (key != seeded)
            {
                await SeedAsync(setting, cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref seeded, key);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();

    private async Task SeedAsync(IReadOnlyList<FeedSource> setting, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var stored = (await registry.ListAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(f => f.Name, StringComparer.Ordinal);
        int added = 0, changed = 0, disabled = 0;
        foreach (var feed in setting)
        {
            if (!stored.TryGetValue(feed.Name, out var current))
            {
                if (await registry.TryAddAsync(FeedRecord.FromSetting(feed, now), cancellationToken).ConfigureAwait(false))
                {
                    added++;
                }

                continue;
            }

            if (current.Origin != FeedOrigins.Setting)
            {
                LogNameTaken(feed.Name);
                continue;
            }

            var updated = Follow(current, feed, now);
            if (updated != current && await registry.UpdateAsync(feed.Name, latest => Follow(latest, feed, now) is var next && next != latest ? next : null, cancellationToken).ConfigureAwait(false) is not null)
            {
                changed++;
            }
        }

        var named = setting.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in stored.Values.Where(f => f.Origin == FeedOrigins.Setting && f.Enabled && !named.Contains(f.Name)))
        {
            await registry.UpdateAsync(gone.Name, latest => latest.Enabled && latest.Origin == FeedOrigins.Setting
                ? latest with { Enabled = false, DisabledReason = DisabledReasons.RemovedFromSetting, ClaimId = null }
                : null, cancellationToken).ConfigureAwait(false);
            disabled++;
        }

        LogSeeded(setting.Count, added, changed, disabled);
    }

    // The setting's view of a feed over the row's: address and overrides, and whether the setting enables it.
    private static FeedRecord Follow(FeedRecord current, FeedSource feed, DateTimeOffset now)
    {
        var moved = current.Url != feed.Location;
        var next = current with
        {
            Url = feed.Location,
            TimeoutSeconds = feed.TimeoutSeconds,
            MaxFeedBytes = feed.MaxFeedBytes,
            ETag = moved ? null : current.ETag,
            LastModified = moved ? null : current.LastModified,
            RecentItemIds = moved ? [] : current.RecentItemIds,
            NextCheckAt = moved ? now : current.NextCheckAt,
        };
        if (!feed.Enabled && current.Enabled)
        {
            next = next with { Enabled = false, DisabledReason = DisabledReasons.DisabledInSetting };
        }
        else if (feed.Enabled && !current.Enabled && current.DisabledReason is DisabledReasons.RemovedFromSetting or DisabledReasons.DisabledInSetting)
        {
            // Back in the setting: on again, and due now. A feed disabled by an operator or by failures stays off.
            next = next with { Enabled = true, DisabledReason = null, NextCheckAt = now };
        }

        return next == current ? current : next;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Feeds setting: {Feeds} feeds; {Added} added to the registry, {Changed} changed, {Disabled} disabled as removed from the setting (their articles are kept)")]
    private partial void LogSeeded(int feeds, int added, int changed, int disabled);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed {Feed} of the Feeds setting has the name of a feed added by hand or by import; the registry's feed is kept. Rename one of them.")]
    private partial void LogNameTaken(string feed);
}
