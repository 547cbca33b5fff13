using System.Text.RegularExpressions;

namespace NewsPipeline.Core.Model.Feeds;

/// <summary>
/// The one rule for a source name made from an address — a feed given without a name, an imported article filed by its
/// site, a document parsed without a blob — so that one outlet gets one name whichever way its articles came:
/// <c>https://www.voachinese.com/rss</c> and an article of <c>www.voachinese.com</c> are both <c>voachinese.com</c>.
/// </summary>
public static partial class SourceName
{
    /// <summary>The longest source name (it is a table key's part and a blob folder).</summary>
    public const int MaxLength = 63;

    /// <summary>The host without "www.", as a lower-case slug (a-z, 0-9, '.', '_', '-'); null when nothing is left.</summary>
    public static string? FromHost(string? host)
    {
        if (string.IsNullOrWhiteSpace(host))
        {
            return null;
        }

        host = host.Trim();
        host = host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? host[4..] : host;
        return Slug(host);
    }

    /// <summary>A feed's address: its host (<see cref="FromHost"/>), or a file's name without extension; null when nothing is left.</summary>
    public static string? FromLocation(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        return Uri.TryCreate(location, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? FromHost(uri.Host)
            : Slug(Path.GetFileNameWithoutExtension(uri?.IsFile == true ? uri.LocalPath : location));
    }

    private static string? Slug(string text)
    {
        var slug = NotSlug().Replace(text.ToLowerInvariant(), "-").Trim('-', '.', '_');
        slug = slug.Length > MaxLength ? slug[..MaxLength].TrimEnd('-', '.', '_') : slug;
        return slug.Length == 0 ? null : slug;
    }

    [GeneratedRegex("[^a-z0-9._-]+")]
    private static partial Regex NotSlug();
}
