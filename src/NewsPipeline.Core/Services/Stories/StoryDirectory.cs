using System.Collections.Concurrent;
using NewsPipeline.Core.Reading.Stories;
using NewsPipeline.Core.Storage.Tables;

namespace NewsPipeline.Core.Services.Stories;

/// <summary>
/// Stories as the API serves them: always the current story, a merged one answering with the story it was merged
/// into. Merges are recorded on the merged story and resolved here, on read, so a merge never rewrites member rows.
/// </summary>
public sealed class StoryDirectory(StoryIndexStore store, StoryClusterer clusterer, TimeProvider clock)
{
    // A story's current id, remembered as long as a client may cache a page anyway (Api__MaxAgeSeconds' default):
    // pollers of /api/items then cost a story read per story once a half-minute, not per page.
    private static readonly TimeSpan Remembered = TimeSpan.FromSeconds(30);

    private const int MaxRemembered = 50_000;

    private readonly ConcurrentDictionary<string, (string Current, DateTimeOffset Until)> current = new(StringComparer.Ordinal);

    /// <summary>The story <paramref name="id"/> answers to now, or null when there is none.</summary>
    public Task<StoryRecord?> FindAsync(string id, CancellationToken cancellationToken) => clusterer.ResolveAsync(id, cancellationToken);

    /// <summary>
    /// The current id of each story named (as the rows recorded it on arrival): one point read per distinct story not
    /// resolved in the last half-minute, plus one per merge followed. A story not found keeps its id.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> CurrentIdsAsync(IEnumerable<string?> stories, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stories);
        var now = clock.GetUtcNow();
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var unknown = new List<string>();
        foreach (var id in stories.OfType<string>().Distinct(StringComparer.Ordinal))
        {
            if (current.TryGetValue(id, out var known) && known.Until > now)
            {
                result[id] = known.Current;
            }
            else
            {
                unknown.Add(id);
            }
        }

        var found = await FindAllAsync(unknown, cancellationToken).ConfigureAwait(false);
        if (current.Count > MaxRemembered)
        {
            current.Clear();
        }

        foreach (var id in unknown)
        {
            result[id] = found.TryGetValue(id, out var story) ? story.Id : id;
            current[id] = (result[id], now + Remembered);
        }

        return result;
    }

    /// <summary>
    /// The story each id named answers to now, by the id named, merges followed: one point read per distinct id, at
    /// once (plus one per merge). Ids not found are left out.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, StoryRecord>> FindAllAsync(IEnumerable<string?> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var distinct = ids.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var found = await Task.WhenAll(distinct.Select(id => clusterer.ResolveAsync(id, cancellationToken))).ConfigureAwait(false);
        return distinct.Zip(found).Where(p => p.Second is not null).ToDictionary(p => p.First, p => p.Second!, StringComparer.Ordinal);
    }

    public Task<StoryPage> ListAsync(int limit, StoryCursor? after, CancellationToken cancellationToken) =>
        store.ListAsync(limit, after, clock.GetUtcNow(), cancellationToken);
}
