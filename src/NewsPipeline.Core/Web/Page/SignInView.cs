using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using NewsPipeline.Core.Model.Readers;
using NewsPipeline.Core.Services.Readers;
using NewsPipeline.Core.Web.GoogleReader;

namespace NewsPipeline.Core.Web.Page;

/// <summary>
/// <c>/login</c> and <c>/logout</c>: the reader accounts' sign-in (the same passwords, failed-login limits and tokens as
/// the apps' ClientLogin), a session cookie, and sign-out that revokes the session's token.
/// </summary>
public sealed class SignInView(ReaderLogins logins, IOptions<ReaderOptions> options, PageKit kit)
{
    public async Task LoginAsync(HttpContext context)
    {
        if (await kit.BeginAsync(context, post: true).ConfigureAwait(false) is not { } page)
        {
            return;
        }

        if (!HttpMethods.IsPost(context.Request.Method))
        {
            await FormAsync(page, StatusCodes.Status200OK, null, null).ConfigureAwait(false);
            return;
        }

        var form = await PageForms.ReadAsync(page).ConfigureAwait(false);
        if (form is null)
        {
            return;
        }

        var name = form["name"].ToString();
        if (!PageSession.IsLoginToken(context.Request, form["_csrf"].ToString()))
        {
            await FormAsync(page, StatusCodes.Status403Forbidden, name, "The form had expired. Sign in again.").ConfigureAwait(false);
            return;
        }

        var result = await page.ReadAsync(ct => logins.SignInAsync(name, form["password"].ToString(), ClientAddress.Of(context, options.Value.ClientAddressHeader), ct))
            .ConfigureAwait(false);
        switch (result.Outcome)
        {
            case LoginOutcome.SignedIn:
                PageSession.Start(context.Response, result.Token!);
                context.Response.Cookies.Delete(PageSession.LoginCookie, new CookieOptions { Path = "/" + PageRoutes.Login, Secure = true, HttpOnly = true, SameSite = SameSiteMode.Strict });
                page.SeeOther("/" + PageRoutes.Unread);
                return;
            case LoginOutcome.TooManyFailures:
                context.Response.Headers.RetryAfter = ((int)Math.Ceiling(result.RetryAfter?.TotalSeconds ?? 60)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await FormAsync(page, StatusCodes.Status429TooManyRequests, name, "Too many failed sign-ins: wait a few minutes and try again.").ConfigureAwait(false);
                return;
            default:
                await FormAsync(page, StatusCodes.Status401Unauthorized, name, "That name and password do not match an account.").ConfigureAwait(false);
                return;
        }
    }

    public async Task LogoutAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            PageSecurity.ApplyCommon(context.Response);
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = "POST";
            return;
        }

        var page = (await kit.BeginAsync(context, post: true).ConfigureAwait(false))!;
        var form = await PageForms.ReadAsync(page).ConfigureAwait(false);
        if (form is null)
        {
            return;
        }

        if (page.User is { } user)
        {
            if (!user.Accepts(form["_csrf"].ToString()))
            {
                await page.WriteMessageAsync(StatusCodes.Status403Forbidden, "This form has expired", "Go back, reload the page and sign out again.").ConfigureAwait(false);
                return;
            }

            await logins.SignOutAsync(user.Token, context.RequestAborted).ConfigureAwait(false);
        }

        PageSession.End(context.Response);
        page.SeeOther("/");
    }

    private static Task FormAsync(PageContext page, int status, string? name, string? problem)
    {
        var token = PageSession.NewLoginToken(page.Http.Response);
        var html = PageLayout.Open(page, "Sign in", PageSection.Other);
        html.Append("<h1>Sign in</h1>");
        if (problem is not null)
        {
            html.Append("<p class=\"problem\" role=\"alert\">").Text(problem).Append("</p>");
        }

        html.Append("<form class=\"login\" method=\"post\" action=\"").Attr(page.Link("/" + PageRoutes.Login)).Append("\">");
        PageMarks.Hidden(html, "_csrf", token);
        html.Append("<label for=\"name\">Account</label><input id=\"name\" name=\"name\" autocomplete=\"username\" required value=\"").Attr(name).Append("\">")
            .Append("<label for=\"password\">Password</label><input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required>")
            .Append("<button type=\"submit\">Sign in</button></form>")
            .Append("<p class=\"note\">The account is the one your reader apps use (<code>newsfeed users add</code>). Without one, the latest items are open to all.</p>");
        return page.WriteAsync(PageLayout.Close(html, page), status);
    }
}
