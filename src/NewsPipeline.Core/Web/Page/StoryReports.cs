using System.Text;
using NewsPipeline.Core.Reading.Stories;

namespace NewsPipeline.Core.Web.Page;

/// <summary>
/// A story's reports as the page lists them (under an article, on the story's own page): outlet, title linking to the
/// report's article view, published time. Only what the story record holds: listing them reads no article.
/// </summary>
internal static class StoryReports
{
    /// <summary>
    /// Earliest first: a story reads as it unfolded, headed by the report that named it (the order
    /// <c>/api/stories/{id}</c> lists); newest first would put follow-ups above the facts they follow.
    /// </summary>
    public static IReadOnlyList<StoryMember> InOrder(IEnumerable<StoryMember> members) =>
        members.OrderBy(m => m.Published).ThenBy(m => m.Id, StringComparer.Ordinal).ToList();

    /// <summary>How many reports the story has: a story keeps its first <see cref="StoryRecord.MaxMembers"/> and counts the rest.</summary>
    public static int Count(StoryRecord story) => Math.Max(story.MemberCount, story.Members.Count);

    public static string Path(string storyId) => "/story/" + Uri.EscapeDataString(storyId);

    public static void WriteList(StringBuilder html, PageContext page, IEnumerable<StoryMember> members)
    {
        html.Append("<ol class=\"reports\">");
        foreach (var member in InOrder(members))
        {
            html.Append("<li data-id=\"").Attr(member.Id).Append("\"><a class=\"outlet\" href=\"").Attr(page.Link("/feed/" + Uri.EscapeDataString(member.Source))).Append("\">")
                .Text(member.Source).Append("</a> <a class=\"report\" href=\"").Attr(page.Link("/article/" + Uri.EscapeDataString(member.Id))).Append("\">")
                .Text(member.Title).Append("</a> <span class=\"meta\">").Time(member.Published).Append("</span></li>");
        }

        html.Append("</ol>");
    }

    public static string Reports(int count) => count == 1 ? "1 report" : PageHtml.Format(count) + " reports";

    public static string OtherReports(int count) => count == 1 ? "+1 other report" : "+" + PageHtml.Format(count) + " other reports";
}
