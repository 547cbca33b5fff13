using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace NewsPipeline.Core.Web.Page;

/// <summary>
/// The page's security headers, built in one place per response (as Miniflux's <c>csp()</c>): a
/// <c>Content-Security-Policy</c> whose script and style sources are this response's nonce alone, so nothing an article
/// or a feed carries can run or restyle the page even if it slipped past the sanitizer; no referrer, so a reader's
/// clicks tell the sites nothing; no sniffing; no framing.
/// </summary>
public sealed class PageSecurity
{
    private readonly string imageSources;
    private readonly HashSet<string> imageOrigins;

    public PageSecurity(IOptions<PageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var list = options.Value.ImageSourceList();
        imageOrigins = new HashSet<string>(list, StringComparer.OrdinalIgnoreCase);
        imageSources = string.Concat(list.Select(o => " " + o));
    }

    public static string NewNonce() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));

    public void Apply(HttpResponse response, string nonce)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.ContentSecurityPolicy =
            $"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; img-src https:{imageSources}; " +
            "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        ApplyCommon(response);
        // The nonce changes with every response: a stored copy would carry a stale one.
        response.Headers.CacheControl = "no-cache";
    }

    /// <summary>The headers every page response carries, the CSS and script included.</summary>
    public static void ApplyCommon(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.XFrameOptions = "DENY";
    }

    /// <summary>
    /// An image address the policy lets the browser load (any https, or an origin of <c>Page__ImageSources</c>); else
    /// null, and no image is shown: one the policy blocks would only be a violation report and a hole in the layout.
    /// </summary>
    public string? AllowedImage(string? url)
    {
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return null;
        }

        return uri.Scheme == Uri.UriSchemeHttps || imageOrigins.Contains(uri.GetLeftPart(UriPartial.Authority)) ? uri.AbsoluteUri : null;
    }
}
