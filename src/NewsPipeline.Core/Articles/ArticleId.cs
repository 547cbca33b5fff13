using System.Security.Cryptography;
using System.Text;

namespace NewsPipeline.Core.Articles;

/// <summary>
/// Deterministic article ids: the same article URL always gives the same id, so every stage can be re-run
/// without duplicating blobs or rows.
/// </summary>
public static class ArticleId
{
    /// <summary>Id from the article's canonical link (or a permalink guid).</summary>
    public static string FromUrl(string url) => Hash(Canonicalize(url));

    /// <summary>Id for an item with neither a link nor a permalink guid.</summary>
    public static string FromContent(string title, string content) => Hash("content:" + title.Trim() + "\n" + content.Trim());

    /// <summary>
    /// The form of a URL that identifies an article: scheme and host lower-cased, default port and fragment dropped.
    /// Query strings are kept: many outlets identify articles by them.
    /// </summary>
    public static string Canonicalize(string url)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri))
        {
            return url.Trim();
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
