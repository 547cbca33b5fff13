namespace NewsPipeline.Core.Reading.Stories;

/// <summary>
/// What story clustering reads and writes, each call a bounded number of requests: the tables in the pipeline
/// (<c>Storage.Tables.StoryIndexStore</c>), memory in <c>newsfeed cluster</c> (<see cref="MemoryStoryIndex"/>), so both
/// run the same clustering code.
/// </summary>
public interface IStoryIndex
{
    Task<StoryAssignment?> FindAssignmentAsync(string articleId, CancellationToken cancellationToken);

    /// <summary>The document frequencies of the days <paramref name="first"/> to <paramref name="last"/>, summed.</summary>
    Task<FrequencySketch> ReadFrequenciesAsync(DateOnly first, DateOnly last, CancellationToken cancellationToken);

    Task AddFrequenciesAsync(DateOnly day, IReadOnlyCollection<ulong> terms, CancellationToken cancellationToken);

    /// <summary>Articles filed under <paramref name="key"/> published in [earliest, latest]: at most <paramref name="max"/>, in one request.</summary>
    Task<IReadOnlyList<StoryCandidate>> FindCandidatesAsync(ulong key, DateTimeOffset earliest, DateTimeOffset latest, int max, CancellationToken cancellationToken);

    /// <summary>Files an article under its keys (one row a key).</summary>
    Task AddKeysAsync(StoryCandidate article, IReadOnlyList<ulong> keys, CancellationToken cancellationToken);

    Task<StoryRecord?> ReadStoryAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Writes a story if it is unchanged since it was read (its <see cref="StoryRecord.Version"/>; null = it must not
    /// exist yet). False when another writer got there first: read again and redo.
    /// </summary>
    Task<bool> TryWriteStoryAsync(StoryRecord story, CancellationToken cancellationToken);

    Task SaveAssignmentAsync(StoryAssignment assignment, CancellationToken cancellationToken);
}
