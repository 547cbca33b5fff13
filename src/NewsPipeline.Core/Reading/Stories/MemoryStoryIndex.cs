using System.Collections.Concurrent;

namespace NewsPipeline.Core.Reading.Stories;

/// <summary>The story index in memory: for <c>newsfeed cluster</c>, the scoring bench and tests of the algorithm.</summary>
public sealed class MemoryStoryIndex : IStoryIndex
{
    private readonly ConcurrentDictionary<string, StoryAssignment> assignments = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<DateOnly, FrequencySketch> days = new();
    private readonly ConcurrentDictionary<ulong, List<StoryCandidate>> keys = new();
    private readonly ConcurrentDictionary<string, StoryRecord> stories = new(StringComparer.Ordinal);
    private readonly Lock writing = new();
    private long version;

    public IReadOnlyCollection<StoryRecord> Stories => stories.Values.ToList();

    public Task<StoryAssignment?> FindAssignmentAsync(string articleId, CancellationToken cancellationToken) =>
        Task.FromResult(assignments.GetValueOrDefault(articleId));

    public Task<FrequencySketch> ReadFrequenciesAsync(DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        var sum = new FrequencySketch();
        lock (writing)
        {
            for (var day = first; day <= last; day = day.AddDays(1))
            {
                if (days.TryGetValue(day, out var sketch))
                {
                    sum.Include(sketch);
                }
            }
        }

        return Task.FromResult(sum);
    }

    public Task AddFrequenciesAsync(DateOnly day, IReadOnlyCollection<ulong> terms, CancellationToken cancellationToken)
    {
        lock (writing)
        {
            days.GetOrAdd(day, _ => new FrequencySketch()).Add(terms);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<StoryCandidate>> FindCandidatesAsync(ulong key, DateTimeOffset earliest, DateTimeOffset latest, int max, CancellationToken cancellationToken)
    {
        lock (writing)
        {
            IReadOnlyList<StoryCandidate> found = keys.TryGetValue(key, out var rows)
                ? rows.Where(r => r.Published >= earliest && r.Published <= latest).OrderBy(r => r.Published).Take(max).ToList()
                : [];
            return Task.FromResult(found);
        }
    }

    public Task AddKeysAsync(StoryCandidate article, IReadOnlyList<ulong> keys, CancellationToken cancellationToken)
    {
        lock (writing)
        {
            foreach (var key in keys)
            {
                var rows = this.keys.GetOrAdd(key, _ => []);
                rows.RemoveAll(r => r.ArticleId == article.ArticleId);
                rows.Add(article);
            }
        }

        return Task.CompletedTask;
    }

    public Task<StoryRecord?> ReadStoryAsync(string id, CancellationToken cancellationToken) => Task.FromResult(stories.GetValueOrDefault(id));

    public Task<bool> TryWriteStoryAsync(StoryRecord story, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(story);
        lock (writing)
        {
            var current = stories.GetValueOrDefault(story.Id);
            if (!Equals(current?.Version, story.Version))
            {
                return Task.FromResult(false);
            }

            stories[story.Id] = story with { Version = ++version };
            return Task.FromResult(true);
        }
    }

    public Task SaveAssignmentAsync(StoryAssignment assignment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        assignments[assignment.ArticleId] = assignment;
        return Task.CompletedTask;
    }
}
