using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using NewsPipeline.Core.Model.Articles;
using NewsPipeline.Core.Model.Readers;
using NewsPipeline.Core.Services.Readers;
using NewsPipeline.Core.Storage.Readers;

namespace NewsPipeline.Core.Web.Page;

/// <summary>
/// Read and starred marks on the page, in the account's reading state (<see cref="ReadingState"/>): the state reader
/// apps see, so an item read in newsboat is read here and back. Each mark is a form (it works without the script;
/// <c>m</c> and <c>s</c> press its buttons), posted with the session's form token and answered 303 back to the view.
/// </summary>
public sealed partial class PageMarks(ReadingState state, PageKit kit)
{
    /// <summary>The items' states for the signed-in reader (one query per seven items), or null for a visitor.</summary>
    internal async Task<IReadOnlyDictionary<string, ItemState>?> StatesAsync(PageContext page, IReadOnlyList<ArticleMetadata> articles)
    {
        if (page.User is not { } user || articles.Count == 0)
        {
            return null;
        }

        var ids = articles.ToDictionary(a => ReaderItemId.FromArticleId(a.Id), a => a.Id);
        var states = await page.ReadAsync(ct => state.StatesOfAsync(user.Account, ids.Keys, ct)).ConfigureAwait(false);
        return ids.ToDictionary(p => p.Value, p => states.GetValueOrDefault(p.Key) ?? new ItemState(false, false, []), StringComparer.Ordinal);
    }

    /// <summary>Marks an opened article read for the signed-in reader; its state after that, or null for a visitor.</summary>
    internal async Task<ItemState?> OpenedAsync(PageContext page, ArticleMetadata article)
    {
        if (page.User is not { } user)
        {
            return null;
        }

        var id = ReaderItemId.FromArticleId(article.Id);
        await page.ReadAsync(async ct =>
        {
            await state.MarkReadAsync(user.Account, [id], ct).ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);
        var states = await page.ReadAsync(ct => state.StatesOfAsync(user.Account, [id], ct)).ConfigureAwait(false);
        return states.GetValueOrDefault(id) ?? new ItemState(false, false, []);
    }

    internal static void WriteForm(StringBuilder html, PageContext page, string articleId, ItemState itemState)
    {
        html.Append("<form class=\"marks\" method=\"post\" action=\"").Attr(page.Link("/" + PageRoutes.Mark)).Append("\">");
        Hidden(html, "_csrf", page.User!.FormToken);
        Hidden(html, "id", articleId);
        Hidden(html, "return", page.Here);
        html.Append("<button type=\"submit\" name=\"do\" data-action=\"read\" value=\"").Append(itemState.Unread ? "read\">Mark read" : "unread\">Mark unread").Append("</button>")
            .Append("<button type=\"submit\" name=\"do\" data-action=\"star\" value=\"").Append(itemState.Starred ? "unstar\" aria-pressed=\"true\">Starred" : "star\" aria-pressed=\"false\">Star")
            .Append("</button></form>");
    }

    internal static void Hidden(StringBuilder html, string name, string value) =>
        html.Append("<input type=\"hidden\" name=\"").Append(name).Append("\" value=\"").Attr(value).Append("\">");

    /// <summary><c>POST /mark</c>: <c>do=read|unread|star|unstar</c> on one item, then back to where the form was.</summary>
    public async Task MarkAsync(HttpContext context)
    {
        var (page, user, form) = await FormAsync(context).ConfigureAwait(false);
        if (page is null)
        {
            return;
        }

        var articleId = form["id"].ToString();
        if (!IdShape().IsMatch(articleId))
        {
            await page.WriteMessageAsync(StatusCodes.Status400BadRequest, "Which item?", "The form named no item.").ConfigureAwait(false);
            return;
        }

        long[] id = [ReaderItemId.FromArticleId(articleId)];
        Func<CancellationToken, Task>? change = form["do"].ToString() switch
        {
            "read" => ct => state.MarkReadAsync(user!.Account, id, ct),
            "unread" => ct => state.MarkUnreadAsync(user!.Account, id, ct),
            "star" => ct => state.SetMarksAsync(user!.Account, id, starred: true, label: null, addLabel: false, ct),
            "unstar" => ct => state.SetMarksAsync(user!.Account, id, starred: false, label: null, addLabel: false, ct),
            _ => null,
        };
        if (change is null)
        {
            await page.WriteMessageAsync(StatusCodes.Status400BadRequest, "Which mark?", "Mark read, unread, star or unstar.").ConfigureAwait(false);
            return;
        }

        await change(context.RequestAborted).ConfigureAwait(false);
        page.SeeOther(form["return"].ToString());
    }

    /// <summary><c>POST /mark-all-read</c>: the unread items indexed up to what the page showed (later arrivals stay unread).</summary>
    public async Task MarkAllReadAsync(HttpContext context)
    {
        var (page, user, form) = await FormAsync(context).ConfigureAwait(false);
        if (page is null)
        {
            return;
        }

        DateTimeOffset? upTo = DateTimeOffset.TryParse(form["upto"].ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var shown) ? shown : null;
        await state.MarkAllReadAsync(user!.Account, StreamId.ReadingList, upTo, context.RequestAborted).ConfigureAwait(false);
        page.SeeOther("/" + PageRoutes.Unread);
    }

    /// <summary>A signed-in POST with its form token; anything else is answered here (405, 400, 403 or to the sign-in).</summary>
    private async Task<(PageContext? Page, PageUser? User, IFormCollection Form)> FormAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            PageSecurity.ApplyCommon(context.Response);
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = "POST";
            return (null, null, FormCollection.Empty);
        }

        var page = (await kit.BeginAsync(context, post: true).ConfigureAwait(false))!;
        var form = await PageForms.ReadAsync(page).ConfigureAwait(false);
        if (form is null)
        {
            return (null, null, FormCollection.Empty);
        }

        if (page.User is not { } user)
        {
            page.SeeOther("/" + PageRoutes.Login);
            return (null, null, form);
        }

        if (!user.Accepts(form["_csrf"].ToString()))
        {
            await page.WriteMessageAsync(StatusCodes.Status403Forbidden, "This form has expired", "Go back, reload the page and try again.").ConfigureAwait(false);
            return (null, null, form);
        }

        return (page, user, form);
    }

    [GeneratedRegex("^[0-9A-Za-z_-]{2,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdShape();
}
