using System.Security.Cryptography;
using System.Text;

namespace NewsPipeline.Core.Model.Articles;

/// <summary>
/// Deterministic article ids: the same article URL always gives the same id, so every stage can be re-run
/// without duplicating blobs or rows.
/// </summary>
public static class ArticleId
{
    /// <summary>Id from the article's canonical link (or a permalink guid).</summary>
    public static string FromUrl(string url) => Hash(Canonicalize(url));

    /// <summary>The id of <paramref name="url"/>, reading the URI the caller parsed from it already (the parser's link resolver has one): a parse fewer per article.</summary>
    internal static string FromUrl(string url, Uri? parsed) => Hash(Canonicalize(url, parsed));

    /// <summary>Id for an item with neither a link nor a permalink guid.</summary>
    public static string FromContent(string title, string content) => Hash("content:" + title.Trim() + "\n" + content.Trim());

    /// <summary>
    /// The form of a URL that identifies an article: scheme and host lower-cased, default port and fragment dropped.
    /// Query strings are kept: many outlets identify articles by them.
    /// </summary>
    public static string Canonicalize(string url) => Canonicalize(url, null);

    /// <inheritdoc cref="Canonicalize(string)"/>
    /// <param name="parsed">A URI parsed from exactly this text, if the caller has one; any other is not read.</param>
    internal static string Canonicalize(string url, Uri? parsed)
    {
        ArgumentNullException.ThrowIfNull(url);
        var trimmed = url.Trim();
        var uri = parsed is { IsAbsoluteUri: true } && ReferenceEquals(trimmed, url) && parsed.OriginalString == url ? parsed : null;
        if (uri is null && !Uri.TryCreate(trimmed, UriKind.Absolute, out uri))
        {
            return trimmed;
        }

        // The common case, without a UriBuilder: no fragment, no user info, an ASCII host name or address. The URI's own
        // AbsoluteUri already has the scheme and host in lower case and no default port, which is all the builder does.
        if (uri.Fragment.Length == 0 && uri.UserInfo.Length == 0 && uri.HostNameType is UriHostNameType.Dns or UriHostNameType.IPv4
            && System.Text.Ascii.IsValid(uri.Host) && (uri.Scheme is "http" or "https"))
        {
            return uri.AbsoluteUri;
        }

        var builder = new UriBuilder(uri) { Fragment = string.Empty };
        if (uri.IsDefaultPort)
        {
            builder.Port = -1;
        }

        builder.Scheme = builder.Scheme.ToLowerInvariant();
        builder.Host = builder.Host.ToLowerInvariant();
        return builder.Uri.AbsoluteUri;
    }

    // 20 bytes of SHA-256 in lower-case hex: short enough for blob and row keys, far from any collision at news scale.
    private static string Hash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 20));
}
