using NewsPipeline.Core.Reading.Stories;
using NewsPipeline.Core.Storage.Tables;

namespace NewsPipeline.Core.Services.Stories;

/// <summary>
/// Stories as the API serves them: always the current story, a merged one answering with the story it was merged
/// into. Merges are recorded on the merged story and resolved here, on read, so a merge never rewrites member rows.
/// </summary>
public sealed class StoryDirectory(StoryIndexStore store, StoryClusterer clusterer, TimeProvider clock)
{
    /// <summary>The story <paramref name="id"/> answers to now, or null when there is none.</summary>
    public Task<StoryRecord?> FindAsync(string id, CancellationToken cancellationToken) => clusterer.ResolveAsync(id, cancellationToken);

    /// <summary>
    /// The current id of each story named (as the rows recorded it on arrival): one point read per distinct story,
    /// plus one per merge followed. A story not found keeps its id.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> CurrentIdsAsync(IEnumerable<string?> stories, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stories);
        var distinct = stories.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var found = await Task.WhenAll(distinct.Select(id => clusterer.ResolveAsync(id, cancellationToken))).ConfigureAwait(false);
        return distinct.Zip(found).ToDictionary(p => p.First, p => p.Second?.Id ?? p.First, StringComparer.Ordinal);
    }

    public Task<StoryPage> ListAsync(int limit, StoryCursor? after, CancellationToken cancellationToken) =>
        store.ListAsync(limit, after, clock.GetUtcNow(), cancellationToken);
}
