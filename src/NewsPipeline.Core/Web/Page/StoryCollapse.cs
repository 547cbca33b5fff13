using NewsPipeline.Core.Model.Articles;
using NewsPipeline.Core.Reading.Stories;
using NewsPipeline.Core.Storage.Tables;

namespace NewsPipeline.Core.Web.Page;

/// <summary>What a collapsed entry says of its story: the story's other reports, and the outlets they came from.</summary>
internal sealed record StoryLine(string StoryId, int OtherReports, IReadOnlyList<string> OtherOutlets);

/// <summary>
/// A timeline page with each story collapsed to one entry (<c>?stories=collapse</c>). The page reads the same timeline
/// window as the uncollapsed view, by the same cursor, so both views page through the same items; collapsing only
/// leaves entries out:
/// <list type="bullet">
/// <item>on a page, a story shows once, as its newest report there;</item>
/// <item>on an older page, a story is left out when its record lists a report of this view that is newer than the
/// page's cursor: that report sat on a newer page, where the story was shown. So walking the pages shows each story once.</item>
/// </list>
/// An article without a story, or whose story cannot be found, is its own entry.
/// </summary>
internal static class StoryCollapse
{
    public static (IReadOnlyList<ArticleMetadata> Shown, IReadOnlyDictionary<string, StoryLine> Lines) Collapse(
        IReadOnlyList<ArticleMetadata> items, IReadOnlyDictionary<string, StoryRecord> stories, IReadOnlyList<string> sources, TimelinePosition? after)
    {
        var shown = new List<ArticleMetadata>(items.Count);
        var lines = new Dictionary<string, StoryLine>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var story = item.Story is { } recorded ? stories.GetValueOrDefault(recorded) : null;
            // Rows carry the story as it was on arrival; two ids merged since are one story now.
            if (!seen.Add(story?.Id ?? item.Story ?? "article:" + item.Id))
            {
                continue;
            }

            if (story is not null && after is not null && story.Members.Any(m => m.Id != item.Id && InView(m, sources) && OnNewerPage(m, after)))
            {
                continue;
            }

            shown.Add(item);
            var others = story?.Members.Where(m => m.Id != item.Id).ToList() ?? [];
            var count = story is null ? 0 : StoryReports.Count(story) - 1;
            if (count > 0)
            {
                lines[item.Id] = new StoryLine(story!.Id, count, others.Select(m => m.Source).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList());
            }
        }

        return (shown, lines);
    }

    // No sources: the latest view, which lists every article.
    private static bool InView(StoryMember member, IReadOnlyList<string> sources) =>
        sources.Count == 0 || sources.Contains(member.Source, StringComparer.Ordinal);

    // The timeline's own order (RowKey: inverted ticks, then id): at or before the cursor is on a newer page.
    private static bool OnNewerPage(StoryMember member, TimelinePosition after) =>
        string.CompareOrdinal(ArticleIndexStore.TimelineRowKey(member.Published, member.Id), after.RowKey) <= 0;
}
