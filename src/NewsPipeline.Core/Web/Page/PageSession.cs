using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using NewsPipeline.Core.Services.Readers;

namespace NewsPipeline.Core.Web.Page;

/// <summary>Who reads the page: the account of its session cookie, that session's token, and its form token.</summary>
internal sealed record PageUser(string Account, string Token)
{
    /// <summary>The anti-forgery token every form of this session carries: derived from the session token (HMAC), so it needs no storage and dies with it.</summary>
    public string FormToken => ReaderLogins.WriteTokenFor(Token);

    public bool Accepts(string? presented) => ReaderLogins.IsWriteToken(Token, presented);
}

/// <summary>
/// The page's sign-in session, on the reader accounts' own tokens (<see cref="ReaderLogins"/>): the cookie holds a login
/// token as an app's <c>Auth=</c> would, so signing out, a password change or an expiry ends it the same way. The cookie
/// is <c>HttpOnly; Secure; SameSite=Strict</c>: no script reads it, it never travels in clear over a network (browsers
/// treat http://127.0.0.1 as secure), and no other site's page can send it.
/// </summary>
public sealed class PageSession(ReaderLogins logins)
{
    public const string Cookie = "np_session";

    /// <summary>The login form's own anti-forgery cookie (double submit): there is no session to bind it to yet.</summary>
    public const string LoginCookie = "np_login";

    internal async Task<PageUser?> UserAsync(HttpContext context)
    {
        var token = context.Request.Cookies[Cookie];
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        var account = await logins.AccountOfAsync(token, context.RequestAborted).ConfigureAwait(false);
        return account is null ? null : new PageUser(account, token);
    }

    internal static void Start(HttpResponse response, string token) =>
        response.Cookies.Append(Cookie, token, Options("/"));

    internal static void End(HttpResponse response) =>
        response.Cookies.Delete(Cookie, Options("/"));

    /// <summary>A fresh login form token, set as a cookie and written into the form.</summary>
    internal static string NewLoginToken(HttpResponse response)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
        response.Cookies.Append(LoginCookie, token, Options("/" + PageRoutes.Login));
        return token;
    }

    internal static bool IsLoginToken(HttpRequest request, string? presented)
    {
        var cookie = request.Cookies[LoginCookie];
        return !string.IsNullOrEmpty(cookie) && presented is not null
            && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(cookie), System.Text.Encoding.UTF8.GetBytes(presented));
    }

    private static CookieOptions Options(string path) => new()
    {
        HttpOnly = true,
        Secure = true,
        SameSite = SameSiteMode.Strict,
        Path = path,
        IsEssential = true,
    };
}
