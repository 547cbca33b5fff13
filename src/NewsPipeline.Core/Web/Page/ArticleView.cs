using System.Text.RegularExpressions;
using Azure;
using Microsoft.AspNetCore.Http;
using NewsPipeline.Core.Reading.Stories;
using NewsPipeline.Core.Services.Stories;
using NewsPipeline.Core.Storage.Tables;
using NewsPipeline.Core.Web.Api;

namespace NewsPipeline.Core.Web.Page;

/// <summary>
/// <c>/article/{id}</c>: one article from its by-id row (a point read), with the body the feed formats serve: the
/// stored, sanitized HTML (<see cref="ItemContent"/>; its blob is read only when the row could not hold it). That body is
/// the only markup on the page that is not the renderer's own; every other field is encoded. Under it, the other reports
/// of its story: one point read of the story (plus one per merge followed), none when the article has no story.
/// </summary>
public sealed partial class ArticleView(ArticleIndexStore index, ItemContent content, StoryDirectory stories, PageKit kit, PageMarks marks)
{
    public async Task HandleAsync(HttpContext context, string? id)
    {
        if (await kit.BeginAsync(context).ConfigureAwait(false) is not { } page)
        {
            return;
        }

        var found = id is not null && IdShape().IsMatch(id) ? await page.ReadAsync(ct => index.GetEntryAsync(id, ct)).ConfigureAwait(false) : null;
        if (found is null)
        {
            await page.WriteMessageAsync(StatusCodes.Status404NotFound, "No such article", "It may have been removed, or the link is incomplete.").ConfigureAwait(false);
            return;
        }

        var article = found.Article;
        var bodies = await page.ReadAsync(ct => content.HtmlForAsync([article], ct)).ConfigureAwait(false);
        var body = bodies.GetValueOrDefault(article.Id, "");
        var original = PageHtml.HttpUrl(article.Url);
        // Opening an article reads it, as in every reader app; the page then offers to mark it unread again.
        var state = await marks.OpenedAsync(page, article).ConfigureAwait(false);

        var html = PageLayout.Open(page, article.Title, PageSection.Other);
        html.Append("<article class=\"article\" data-id=\"").Attr(article.Id).Append('"');
        if (original is not null)
        {
            html.Append(" data-original=\"").Attr(original).Append('"');
        }

        if (PageHtml.Lang(article.Language) is { } lang)
        {
            html.Append(" lang=\"").Append(lang).Append('"');
        }

        html.Append("><header><h1>").Text(article.Title).Append("</h1><p class=\"meta\"><a href=\"")
            .Attr(page.Link("/feed/" + Uri.EscapeDataString(article.Source))).Append("\">").Text(article.Source).Append("</a>");
        if (!string.IsNullOrWhiteSpace(article.Author))
        {
            html.Append(" · ").Text(article.Author);
        }

        html.Append(" · ").Time(article.Published);
        if (article.FeedPublished is { } listed && listed != article.Published)
        {
            html.Append(" · in the feed ").Time(listed);
        }

        html.Append("</p>");
        if (original is not null)
        {
            html.Append("<p><a class=\"original\" href=\"").Attr(original).Append("\" rel=\"noreferrer noopener\">Original article")
                .Append(article.Site is { Length: > 0 } site ? " at " : "").Text(article.Site).Append("</a></p>");
        }

        if (state is not null)
        {
            PageMarks.WriteForm(html, page, article.Id, state);
        }

        html.Append("</header>");
        // The body carries the lead image and its caption when the article had them; when it does not, they are shown here.
        var bodyHasImage = body.Contains("<img", StringComparison.OrdinalIgnoreCase);
        if (!bodyHasImage && page.Security.AllowedImage(article.Image) is { } image)
        {
            html.Append("<figure class=\"lead\"><img src=\"").Attr(image).Append("\" alt=\"").Attr(article.Caption ?? "").Append("\" loading=\"lazy\" decoding=\"async\">");
            if (!string.IsNullOrWhiteSpace(article.Caption))
            {
                html.Append("<figcaption>").Text(article.Caption).Append("</figcaption>");
            }

            html.Append("</figure>");
        }
        else if (!bodyHasImage && !string.IsNullOrWhiteSpace(article.Caption))
        {
            html.Append("<p class=\"caption\">").Text(article.Caption).Append("</p>");
        }

        html.Append("<div class=\"body\">").Append(body).Append("</div></article>");
        await WriteOtherReportsAsync(html, page, article.Id, article.Story).ConfigureAwait(false);
        await page.WriteAsync(PageLayout.Close(html, page)).ConfigureAwait(false);
    }

    /// <summary>"Other reports of this story": nothing when the article is its story's only report.</summary>
    private async Task WriteOtherReportsAsync(System.Text.StringBuilder html, PageContext page, string articleId, string? storyId)
    {
        if (storyId is null)
        {
            return;
        }

        StoryRecord? story;
        try
        {
            // The story the article's row recorded on arrival, merges followed: the reports it has now.
            story = await page.ReadAsync(ct => stories.FindAsync(storyId, ct)).ConfigureAwait(false);
        }
        catch (RequestFailedException)
        {
            // The article is what was asked for; its story is extra. Say it is missing rather than fail the page.
            html.Append("<p class=\"note\">Other reports of this story could not be read just now.</p>");
            return;
        }

        var others = story?.Members.Where(m => !string.Equals(m.Id, articleId, StringComparison.Ordinal)).ToList() ?? [];
        if (story is null || others.Count == 0)
        {
            return;
        }

        html.Append("<section class=\"others\" aria-labelledby=\"others-title\" data-story=\"").Attr(story.Id).Append("\"><h2 id=\"others-title\">Other reports of this story</h2>");
        StoryReports.WriteList(html, page, others);
        html.Append("<p><a href=\"").Attr(page.Link(StoryReports.Path(story.Id))).Append("\">The story: ").Append(StoryReports.Reports(StoryReports.Count(story)))
            .Append(" from ").Text(string.Join(", ", story.Outlets)).Append("</a></p></section>");
    }

    // The API's id shape: anything else (a table key may not hold '/', '#', '?') is simply not found.
    [GeneratedRegex("^[0-9A-Za-z_-]{2,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdShape();
}
