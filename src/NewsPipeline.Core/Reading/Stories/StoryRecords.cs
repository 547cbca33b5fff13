namespace NewsPipeline.Core.Reading.Stories;

/// <summary>An earlier article filed under a key: what verifying it as a candidate needs, with no further read.</summary>
public sealed record StoryCandidate(string ArticleId, string Story, string Source, DateTimeOffset Published, StoryVector Vector);

/// <summary>One report of a story, as the story lists it.</summary>
public sealed record StoryMember(string Id, string Source, string Title, string Url, DateTimeOffset Published);

/// <summary>
/// A story: its id (its first report's id, by first indexing), its reports, and, once merged into an earlier story,
/// the id it now answers to. <see cref="Version"/> is the storage's concurrency token (an ETag), opaque here.
/// </summary>
public sealed record StoryRecord
{
    /// <summary>Members kept in the record; a story with more keeps its first ones and counts the rest.</summary>
    public const int MaxMembers = 50;

    public required string Id { get; init; }

    public required DateTimeOffset FirstIndexed { get; init; }

    public required string Title { get; init; }

    public required DateTimeOffset FirstPublished { get; init; }

    public required DateTimeOffset LastPublished { get; init; }

    public required IReadOnlyList<StoryMember> Members { get; init; }

    public int MemberCount { get; init; }

    public string? MergedInto { get; init; }

    public object? Version { get; init; }

    public IReadOnlyList<string> Outlets => Members.Select(m => m.Source).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    public static StoryRecord Start(StoryMember first, DateTimeOffset indexed) => new()
    {
        Id = first.Id,
        FirstIndexed = indexed,
        Title = first.Title,
        FirstPublished = first.Published,
        LastPublished = first.Published,
        Members = [first],
        MemberCount = 1,
    };

    /// <summary>This story with more reports (its own or a merged story's); a report already listed is not added twice.</summary>
    public StoryRecord With(IEnumerable<StoryMember> members, int extraCount = 0)
    {
        var all = Members.ToList();
        var added = 0;
        foreach (var member in members)
        {
            if (all.Any(m => m.Id == member.Id))
            {
                continue;
            }

            added++;
            if (all.Count < MaxMembers)
            {
                all.Add(member);
            }
        }

        return this with
        {
            Members = all,
            MemberCount = MemberCount + added + extraCount,
            FirstPublished = all.Min(m => m.Published) < FirstPublished ? all.Min(m => m.Published) : FirstPublished,
            LastPublished = all.Max(m => m.Published) > LastPublished ? all.Max(m => m.Published) : LastPublished,
        };
    }
}

/// <summary>The story an article was given when it was first clustered (kept, so a re-parse gives the same).</summary>
public sealed record StoryAssignment(string ArticleId, string Story);
