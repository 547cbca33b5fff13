using Microsoft.AspNetCore.Http;
using NewsPipeline.Core.Model.Readers;
using NewsPipeline.Core.Services.Readers;
using NewsPipeline.Core.Storage.Tables;

namespace NewsPipeline.Core.Web.Page;

/// <summary>
/// <c>/unread</c> and <c>/starred</c>: the signed-in account's streams, as its reader apps list them (the account's
/// state rows, then the articles by id: one query per seven items), paged by the stream's continuation.
/// </summary>
public sealed class ReaderViews(ReadingState state, ArticleIndexStore index, PageKit kit, PageMarks marks)
{
    private const int PageSize = 20;

    public Task UnreadAsync(HttpContext context) => ShowAsync(context, unread: true);

    public Task StarredAsync(HttpContext context) => ShowAsync(context, unread: false);

    private async Task ShowAsync(HttpContext context, bool unread)
    {
        if (await kit.BeginAsync(context).ConfigureAwait(false) is not { } page)
        {
            return;
        }

        if (page.User is not { } user)
        {
            page.SeeOther("/" + PageRoutes.Login);
            return;
        }

        var continuation = context.Request.Query["c"];
        var request = new StreamRequest(unread ? StreamId.ReadingList : StreamId.Starred, PageSize, ExcludeRead: unread,
            Continuation: continuation.Count == 1 ? continuation[0] : null);
        StreamPage stream;
        try
        {
            stream = await page.ReadAsync(ct => state.ListAsync(user.Account, request, ct)).ConfigureAwait(false);
        }
        catch (ContinuationException)
        {
            await page.WriteMessageAsync(StatusCodes.Status400BadRequest, "This page link is broken", "Start again from the first page.").ConfigureAwait(false);
            return;
        }

        var shownAt = DateTimeOffset.UtcNow;
        var found = await page.ReadAsync(ct => index.FindByItemIdsAsync(stream.Items.Select(i => i.ItemId).ToList(), ct)).ConfigureAwait(false);
        var articles = stream.Items.Where(i => found.ContainsKey(i.ItemId)).Select(i => found[i.ItemId].Article).ToList();
        var path = "/" + (unread ? PageRoutes.Unread : PageRoutes.Starred);
        var html = PageLayout.Open(page, unread ? "Unread" : "Starred", unread ? PageSection.Unread : PageSection.Starred);
        html.Append("<h1>").Append(unread ? "Unread" : "Starred").Append("</h1>");
        if (unread && articles.Count > 0)
        {
            html.Append("<form class=\"all\" method=\"post\" action=\"").Attr(page.Link("/" + PageRoutes.MarkAllRead)).Append("\">");
            PageMarks.Hidden(html, "_csrf", user.FormToken);
            PageMarks.Hidden(html, "upto", shownAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            html.Append("<button type=\"submit\">Mark all as read</button></form>");
        }

        var next = stream.Continuation is null ? null : path + "?c=" + Uri.EscapeDataString(stream.Continuation);
        ItemList.Write(html, page, articles, path, next, continuation.Count == 0, await marks.StatesAsync(page, articles).ConfigureAwait(false));
        await page.WriteAsync(PageLayout.Close(html, page)).ConfigureAwait(false);
    }
}
