using NewsPipeline.Core.Reading.Stories;

namespace NewsPipeline.Core.Services.Stories;

/// <summary>An article as clustering sees it: who reported what, when, and when the pipeline first saw it.</summary>
public sealed record StoryArticle(string Id, string Source, string Title, string? Lead, string Url, DateTimeOffset Published, DateTimeOffset IndexedAt);

/// <summary>One earlier report compared with the article: its score and the story it belongs to now.</summary>
public sealed record ScoredCandidate(StoryCandidate Candidate, float Score, string? Story, IReadOnlyList<string> SharedTerms);

/// <summary>The story an article was given, and why (the candidates verified, best first).</summary>
public sealed record StoryDecision(string Story, bool Reused, IReadOnlyList<ScoredCandidate> Candidates, IReadOnlyList<string> MergedStories);

/// <summary>
/// Finds the story of a newly indexed article. The article is filed under a few of its heaviest terms (by TF-IDF,
/// weighted to the title, names and numbers: those the window has seen, and one of its own, <see cref="StoryVector.Keys"/>);
/// the earlier articles filed under the same terms within the window are
/// its candidates, read with one request per term, never a scan of the window; each candidate is verified by cosine
/// over TF-IDF vectors. The article joins the story of the best match over <see cref="StorySettings.JoinThreshold"/>,
/// or starts its own (its id is the story's); a further story it matches over <see cref="StorySettings.MergeThreshold"/>
/// is merged into the earlier of the two, by recording the merge on the later story, never by rewriting its members.
/// A re-parse finds the article's first assignment and gives the same story.
/// </summary>
public sealed class StoryClusterer(IStoryIndex index, StorySettings settings)
{
    // A merge recorded on a merged story: bounded, so a damaged chain cannot loop.
    private const int MaxMergeHops = 8;

    private const int MaxAttempts = 20;

    // Stories read to decide one article (each a point read, plus any merge followed).
    private const int MaxStoryReads = 2;

    public StorySettings Settings => settings;

    public async Task<StoryDecision> AssignAsync(StoryArticle article, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(article);
        if (await index.FindAssignmentAsync(article.Id, cancellationToken).ConfigureAwait(false) is { } assigned)
        {
            return new StoryDecision(assigned.Story, true, [], []);
        }

        var terms = StoryFeatures.Terms(article.Title, article.Lead, (float)settings.TitleWeight);
        var hashed = new Dictionary<ulong, float>(terms.Count);
        var names = new Dictionary<ulong, string>(terms.Count);
        foreach (var (term, weight) in terms)
        {
            var hash = StoryFeatures.Hash(term);
            hashed[hash] = weight;
            names[hash] = term;
        }

        var day = DateOnly.FromDateTime(article.Published.UtcDateTime);
        var windowDays = (int)Math.Ceiling(settings.Window.TotalDays);
        var frequencies = await index.ReadFrequenciesAsync(day.AddDays(-windowDays), day, cancellationToken).ConfigureAwait(false);
        var title = StoryFeatures.Terms(article.Title, null, (float)settings.TitleWeight).ToDictionary(t => StoryFeatures.Hash(t.Key), t => t.Value);
        var vector = StoryVector.From(hashed, title, frequencies, settings.VectorTerms);
        var keys = vector.Keys(settings.Keys, frequencies);

        var candidates = new Dictionary<string, StoryCandidate>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var found = await index.FindCandidatesAsync(key, article.Published - settings.Window, article.Published + settings.Window,
                settings.MaxRowsPerKey, cancellationToken).ConfigureAwait(false);
            foreach (var candidate in found.Where(c => c.ArticleId != article.Id))
            {
                candidates.TryAdd(candidate.ArticleId, candidate);
            }
        }

        var member = new StoryMember(article.Id, article.Source, article.Title, article.Url, article.Published);
        var (story, scored, merged) = await JoinAsync(member, article.IndexedAt, vector, frequencies, candidates.Values, names, cancellationToken).ConfigureAwait(false);

        // The article's own rows after its story's: a delivery cut short before them is redone whole, and finds its story.
        await index.AddKeysAsync(new StoryCandidate(article.Id, story, article.Source, article.Published, vector), keys, cancellationToken).ConfigureAwait(false);
        await index.AddFrequenciesAsync(day, hashed.Keys, cancellationToken).ConfigureAwait(false);
        await index.SaveAssignmentAsync(new StoryAssignment(article.Id, story), cancellationToken).ConfigureAwait(false);
        return new StoryDecision(story, false, scored, merged);
    }

    /// <summary>The story a story id answers to now: itself, or the story it was merged into.</summary>
    public async Task<StoryRecord?> ResolveAsync(string id, CancellationToken cancellationToken)
    {
        var story = await index.ReadStoryAsync(id, cancellationToken).ConfigureAwait(false);
        for (var hop = 0; story?.MergedInto is { } into && hop < MaxMergeHops; hop++)
        {
            story = await index.ReadStoryAsync(into, cancellationToken).ConfigureAwait(false);
        }

        return story;
    }

    private async Task<(string Story, List<ScoredCandidate> Scored, List<string> Merged)> JoinAsync(StoryMember member, DateTimeOffset indexedAt,
        StoryVector vector, FrequencySketch frequencies, IEnumerable<StoryCandidate> candidates, Dictionary<ulong, string> names, CancellationToken cancellationToken)
    {
        var verified = candidates
            .Select(c => (Candidate: c, Score: vector.Similarity(c.Vector, frequencies, settings.TitleShare) * Nearness(member.Published, c.Published) * Kinship(member.Source, c.Source)))
            .OrderByDescending(c => c.Score).ThenBy(c => c.Candidate.ArticleId, StringComparer.Ordinal)
            .ToList();

        for (var attempt = 1; ; attempt++)
        {
            // The stories the matches belong to now, each with its best score.
            var stories = new Dictionary<string, (StoryRecord Story, float Best)>(StringComparer.Ordinal);
            var scored = new List<ScoredCandidate>(verified.Count);
            var reads = 0;
            foreach (var (candidate, score) in verified)
            {
                // Best first: the first story found is the one joined; after it, only a match strong enough to merge
                // needs its story read. Reads are bounded, so a crowd of loose matches costs no more requests.
                StoryRecord? story = stories.Values.FirstOrDefault(s => s.Story.Id == candidate.Story || s.Story.Members.Any(m => m.Id == candidate.ArticleId)).Story;
                if (story is null && score >= (stories.Count == 0 ? settings.JoinThreshold : settings.MergeThreshold) && reads < MaxStoryReads)
                {
                    reads++;
                    story = await ResolveAsync(candidate.Story, cancellationToken).ConfigureAwait(false);
                    if (story is not null && !stories.ContainsKey(story.Id))
                    {
                        stories[story.Id] = (story, score);
                    }
                }

                scored.Add(new ScoredCandidate(candidate, score, story?.Id ?? candidate.Story,
                    vector.Terms.Where(candidate.Vector.Contains).Select(k => names.GetValueOrDefault(k, "?")).ToList()));
            }

            if (stories.Count == 0)
            {
                var own = StoryRecord.Start(member, indexedAt);
                if (await index.TryWriteStoryAsync(own, cancellationToken).ConfigureAwait(false))
                {
                    return (own.Id, scored, []);
                }

                // A redelivery after its story was written: the story is already this article's.
                if (await index.ReadStoryAsync(member.Id, cancellationToken).ConfigureAwait(false) is { MergedInto: null } existing)
                {
                    if (existing.Members.Any(m => m.Id == member.Id))
                    {
                        return (existing.Id, scored, []);
                    }
                }
            }
            else
            {
                var best = stories.Values.MaxBy(s => s.Best).Story;
                var joined = stories.Values.Where(s => s.Story.Id == best.Id || s.Best >= settings.MergeThreshold)
                    .Select(s => s.Story)
                    .OrderBy(s => s.FirstIndexed).ThenBy(s => s.Id, StringComparer.Ordinal)
                    .ToList();
                var survivor = joined[0];
                var merged = joined.Skip(1).ToList();
                var grown = survivor.With([member, .. merged.SelectMany(s => s.Members)], merged.Sum(s => s.MemberCount - s.Members.Count));
                if (await index.TryWriteStoryAsync(grown, cancellationToken).ConfigureAwait(false))
                {
                    foreach (var later in merged)
                    {
                        await MarkMergedAsync(later, survivor.Id, cancellationToken).ConfigureAwait(false);
                    }

                    return (survivor.Id, scored, merged.Select(s => s.Id).ToList());
                }
            }

            // A story many parallel deliveries join at once can keep changing under each: past the attempts, the article
            // still gets the story it matched (its assignment and rows say so), only the story's list of reports misses
            // it. Failing the parse instead would hold the article out of the index for a list entry.
            if (attempt == MaxAttempts && stories.Count > 0)
            {
                return (stories.Values.MaxBy(s => s.Best).Story.Id, scored, []);
            }

            if (attempt == MaxAttempts)
            {
                throw new InvalidOperationException($"The story of article {member.Id} could not be written in {MaxAttempts} attempts; the delivery is retried.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * Math.Min(attempt, 10))), cancellationToken).ConfigureAwait(false);
        }
    }

    // Reports of one event come hours apart; the same words two days apart are more often the next event on the topic.
    private float Nearness(DateTimeOffset a, DateTimeOffset b) =>
        (float)(1 - (settings.TimeDecay * Math.Min(1, (a - b).Duration().TotalHours / settings.WindowHours)));

    // One story, many outlets: see StorySettings.SameOutletFactor.
    private float Kinship(string source, string candidateSource) =>
        string.Equals(source, candidateSource, StringComparison.OrdinalIgnoreCase) ? (float)settings.SameOutletFactor : 1f;

    private async Task MarkMergedAsync(StoryRecord story, string into, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            if (await index.TryWriteStoryAsync(story with { MergedInto = into }, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            story = await index.ReadStoryAsync(story.Id, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Story {story.Id} vanished while it was merged into {into}.");
        }
    }
}
