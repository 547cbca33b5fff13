using System.Text;
using NewsPipeline.Core.Model.Articles;

namespace NewsPipeline.Core.Web.Page;

/// <summary>
/// A page of items as the timeline views show them: title, source, time, the lead image's thumbnail, the summary;
/// then the link to the next page, by the API's own cursor. Only what the timeline row holds: no blob is read.
/// </summary>
internal static class ItemList
{
    // The thumbnail's box: the image is cropped into it (object-fit), so its real size cannot shift the layout.
    private const string ThumbSize = "width=\"160\" height=\"107\"";

    public static void Write(StringBuilder html, PageContext page, IReadOnlyList<ArticleMetadata> items, string firstPath, string? nextPath, bool isFirstPage,
        IReadOnlyDictionary<string, Storage.Readers.ItemState>? states = null, IReadOnlyDictionary<string, StoryLine>? storyLines = null, string? empty = null)
    {
        if (items.Count == 0)
        {
            html.Append("<p class=\"empty\">").Text(empty ?? "Nothing here yet. Articles appear as their feeds are read.").Append("</p>");
        }
        else
        {
            html.Append("<ol class=\"items\">");
            foreach (var item in items)
            {
                WriteItem(html, page, item, states?.GetValueOrDefault(item.Id), storyLines?.GetValueOrDefault(item.Id));
            }

            html.Append("</ol>");
        }

        if (!isFirstPage || nextPath is not null)
        {
            html.Append("<nav class=\"pager\" aria-label=\"Pages\">");
            if (!isFirstPage)
            {
                html.Append("<a href=\"").Attr(page.Link(firstPath)).Append("\">Newest</a>");
            }

            if (nextPath is not null)
            {
                html.Append("<a rel=\"next\" href=\"").Attr(page.Link(nextPath)).Append("\">Older</a>");
            }

            html.Append("</nav>");
        }
    }

    private static void WriteItem(StringBuilder html, PageContext page, ArticleMetadata item, Storage.Readers.ItemState? state, StoryLine? story)
    {
        var titleId = "t-" + item.Id;
        html.Append("<li class=\"item").Append(state is { Unread: false } ? " read" : "").Append("\" data-id=\"").Attr(item.Id).Append('"');
        if (PageHtml.HttpUrl(item.Url) is { } original)
        {
            html.Append(" data-original=\"").Attr(original).Append('"');
        }

        if (PageHtml.Lang(item.Language) is { } lang)
        {
            html.Append(" lang=\"").Append(lang).Append('"');
        }

        html.Append("><article aria-labelledby=\"").Attr(titleId).Append("\">");
        if (page.Security.AllowedImage(item.Image) is { } image)
        {
            // Decorative here (the title says what the item is): alt="" keeps screen readers on the text.
            html.Append("<img class=\"thumb\" src=\"").Attr(image).Append("\" alt=\"\" ").Append(ThumbSize).Append(" loading=\"lazy\" decoding=\"async\">");
        }

        html.Append("<h2 id=\"").Attr(titleId).Append("\"><a class=\"title\" href=\"").Attr(page.Link("/article/" + Uri.EscapeDataString(item.Id))).Append("\">")
            .Text(item.Title).Append("</a></h2>")
            .Append("<p class=\"meta\"><a href=\"").Attr(page.Link("/feed/" + Uri.EscapeDataString(item.Source))).Append("\">").Text(item.Source).Append("</a> · ")
            .Time(item.Published).Append("</p>");
        if (!string.IsNullOrWhiteSpace(item.Summary))
        {
            html.Append("<p class=\"summary\">").Text(item.Summary).Append("</p>");
        }

        if (story is not null)
        {
            // A collapsed story: this entry stands for its other reports, one link away.
            html.Append("<p class=\"also\"><a href=\"").Attr(page.Link(StoryReports.Path(story.StoryId))).Append("\">")
                .Append(StoryReports.OtherReports(story.OtherReports)).Append("</a>");
            if (story.OtherOutlets.Count > 0)
            {
                html.Append(" · ").Text(string.Join(", ", story.OtherOutlets));
            }

            html.Append("</p>");
        }

        if (state is not null)
        {
            PageMarks.WriteForm(html, page, item.Id, state);
        }

        html.Append("</article></li>");
    }
}
