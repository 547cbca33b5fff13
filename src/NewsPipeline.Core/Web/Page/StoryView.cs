using Microsoft.AspNetCore.Http;
using NewsPipeline.Core.Services.Stories;
using NewsPipeline.Core.Web.Api;

namespace NewsPipeline.Core.Web.Page;

/// <summary>
/// <c>/story/{id}</c>: one story's reports, what "+N other reports" on a collapsed timeline links to. One point read of
/// the story (plus one per merge followed: a merged story's id shows the story it joined, as <c>/api/stories/{id}</c>
/// answers); the reports come from the story record, so no article is read.
/// </summary>
public sealed class StoryView(StoryDirectory stories, PageKit kit)
{
    public async Task HandleAsync(HttpContext context, string? id)
    {
        if (await kit.BeginAsync(context).ConfigureAwait(false) is not { } page)
        {
            return;
        }

        var story = id is not null && ItemsRequest.StoryIdShape().IsMatch(id) ? await page.ReadAsync(ct => stories.FindAsync(id, ct)).ConfigureAwait(false) : null;
        if (story is null)
        {
            await page.WriteMessageAsync(StatusCodes.Status404NotFound, "No such story", "Stories are named by their first report; this link names none.").ConfigureAwait(false);
            return;
        }

        var count = StoryReports.Count(story);
        var html = PageLayout.Open(page, story.Title, PageSection.Other);
        html.Append("<section class=\"story\" data-story=\"").Attr(story.Id).Append("\" aria-labelledby=\"story-title\"><h1 id=\"story-title\">").Text(story.Title)
            .Append("</h1><p class=\"meta\">").Append(StoryReports.Reports(count)).Append(" from ").Text(string.Join(", ", story.Outlets))
            .Append(" · ").Time(story.FirstPublished);
        if (story.LastPublished != story.FirstPublished)
        {
            html.Append(" to ").Time(story.LastPublished);
        }

        html.Append("</p>");
        if (!string.Equals(story.Id, id, StringComparison.Ordinal))
        {
            // The link was to a story merged since: say so, so a reader who kept the link knows why the title changed.
            html.Append("<p class=\"note\">That story was found to be this one, and joined it.</p>");
        }

        StoryReports.WriteList(html, page, story.Members);
        if (count > story.Members.Count)
        {
            html.Append("<p class=\"note\">The first ").Append(PageHtml.Format(story.Members.Count)).Append(" reports are listed; the story has ")
                .Append(PageHtml.Format(count)).Append(".</p>");
        }

        html.Append("</section>");
        await page.WriteAsync(PageLayout.Close(html, page)).ConfigureAwait(false);
    }
}
