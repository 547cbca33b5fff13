using NewsPipeline.Core.Reading.Stories;

namespace NewsPipeline.Core.Web.Api;

/// <summary>One report of a story, as a story lists it.</summary>
public sealed record StoryItemResource(string Id, string Source, string Title, string Url, DateTimeOffset Published);

/// <summary>
/// A story as the API returns it: its id (its first report's), the first report's title, its first and last report
/// times, the outlets that reported it, and its reports (up to <see cref="StoryRecord.MaxMembers"/>; <c>reports</c> counts all).
/// </summary>
public sealed record StoryResource(
    string Id,
    string Title,
    DateTimeOffset FirstPublished,
    DateTimeOffset LastPublished,
    IReadOnlyList<string> Outlets,
    int Reports,
    IReadOnlyList<StoryItemResource> Items)
{
    public static StoryResource From(StoryRecord story)
    {
        ArgumentNullException.ThrowIfNull(story);
        return new StoryResource(story.Id, story.Title, story.FirstPublished, story.LastPublished, story.Outlets, Math.Max(story.MemberCount, story.Members.Count),
            story.Members.OrderBy(m => m.Published).ThenBy(m => m.Id, StringComparer.Ordinal)
                .Select(m => new StoryItemResource(m.Id, m.Source, m.Title, m.Url, m.Published)).ToList());
    }
}

/// <summary>A page of stories, newest first; <see cref="Next"/> is the URL of the next page, or null on the last one.</summary>
public sealed record StoriesPage(IReadOnlyList<StoryResource> Stories, string? Next);
