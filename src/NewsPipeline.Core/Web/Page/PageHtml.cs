using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace NewsPipeline.Core.Web.Page;

/// <summary>
/// Writing HTML by hand, safely: every value that is not the stored, sanitized article body goes through
/// <see cref="HtmlEncoder"/>; links only ever point to http(s) addresses.
/// </summary>
internal static class PageHtml
{
    // All of Unicode passes unescaped (a Chinese title stays 3 bytes a character, not 8); markup never does.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static StringBuilder Text(this StringBuilder html, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            html.Append(Encoder.Encode(value));
        }

        return html;
    }

    /// <summary>An attribute value (the caller writes the quotes around it).</summary>
    public static StringBuilder Attr(this StringBuilder html, string? value) => html.Text(value);

    /// <summary>An absolute http(s) address, or null: <c>javascript:</c>, <c>data:</c> and the like never become links.</summary>
    public static string? HttpUrl(string? url) =>
        url is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri.AbsoluteUri
            : null;

    /// <summary>A time as people read it here: UTC, to the minute (the machine form goes in <c>datetime</c>).</summary>
    public static StringBuilder Time(this StringBuilder html, DateTimeOffset? time)
    {
        if (time is not { } t)
        {
            return html.Append("never");
        }

        var utc = t.ToUniversalTime();
        return html.Append("<time datetime=\"").Append(utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)).Append("\">")
            .Append(utc.ToString("d MMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture)).Append("</time>");
    }

    /// <summary>The <c>lang</c> the parser's language names (<c>other</c> is unknown: the attribute is left out).</summary>
    public static string? Lang(string language) => language is "en" or "zh-Hans" or "zh-Hant" ? language : null;

    public static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);
}
