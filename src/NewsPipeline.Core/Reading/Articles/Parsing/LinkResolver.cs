using System.Buffers;

namespace NewsPipeline.Core.Reading.Articles.Parsing;

/// <summary>
/// One article's links made absolute against its address, each distinct link once per document: the parser's walk
/// (outbound links, the lead image) and the sanitizer ask for the same ones, and every answer costs a URI parse.
/// </summary>
/// <remarks>
/// The two shapes nearly every link has are answered without <see cref="Uri"/>: an absolute http(s) link to a plain host,
/// and a path from the site's root (<c>/topic/x</c>) made of characters a URI keeps as they are. Parsing every link was,
/// on a long report with hundreds of links, most of the parse beyond the HTML load (docs/performance/parser.md); whatever
/// else a link looks like goes to <see cref="ArticleContent.Resolve(string, Uri?)"/>, and tests hold the two to the
/// same answers.
/// </remarks>
internal sealed class LinkResolver
{
    // Characters a URI writes as they are in a path, query or fragment (RFC 3986 unreserved, sub-delims, ':' '@' '/' '?').
    // '%' is not among them: .NET rewrites some escapes, so a link with one takes the slow path.
    private static readonly SearchValues<char> PlainUriCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/?");

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789ABCDEFabcdef");

    private static readonly SearchValues<char> HostCharacters = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-");

    private readonly Dictionary<string, string?> resolved = new(StringComparer.Ordinal);

    // "https://host[:port]" as the URI class writes it for this base ("" when the base is not http(s)), made on the first
    // root-relative link: most short articles have none, and it costs a URI.
    private string? rootPrefix;

    public LinkResolver(string articleUrl)
    {
        ArticleUrl = articleUrl;
        BaseUri = ArticleContent.BaseUri(articleUrl);
    }

    public string ArticleUrl { get; }

    /// <summary>The article's address parsed, or null when it is not an absolute URI (relative links then resolve to nothing).</summary>
    public Uri? BaseUri { get; }

    private string RootPrefix => rootPrefix ??=
        BaseUri is { Scheme: "http" or "https" } && Uri.TryCreate(BaseUri, "/", out var root) && root.AbsoluteUri.EndsWith('/')
            ? root.AbsoluteUri[..^1]
            : string.Empty;

    /// <inheritdoc cref="ArticleContent.Resolve(string, Uri?)"/>
    public string? Resolve(string href)
    {
        if (!resolved.TryGetValue(href, out var link))
        {
            link = ResolvePlain(href) ?? ArticleContent.Resolve(href, BaseUri);
            resolved[href] = link;
        }

        return link;
    }

    /// <summary>The link resolved without a URI parse when it has one of the two plain shapes, else null.</summary>
    internal string? ResolvePlain(string original)
    {
        var href = original.AsSpan().Trim();
        if (href.Length < 2)
        {
            return null;
        }

        if (href[0] == '/')
        {
            return href[1] != '/' && IsPlainPath(href) && RootPrefix is { Length: > 0 } prefix ? string.Concat(prefix, href) : null;
        }

        var afterScheme = HttpSchemeLength(href);
        if (afterScheme == 0)
        {
            return null;
        }

        var rest = href[afterScheme..];
        var authority = AuthorityOf(rest);
        if (!IsPlainAuthority(authority) || !IsPlainTail(rest[authority.Length..]))
        {
            return null;
        }

        // An absolute link is kept as the article wrote it (trimmed), as the URI path does.
        return href.Length == original.Length ? original : href.ToString();
    }

    /// <summary>
    /// The host of an http(s) URL whose authority is a plain host name (and port), as written, or null for any other
    /// URL: one with user info, an address, escapes or non-ASCII in its host is the URI parser's to read.
    /// </summary>
    internal static string? PlainHost(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var afterScheme = HttpSchemeLength(url);
        if (afterScheme == 0 || AuthorityOf(url.AsSpan(afterScheme)) is var authority && !IsPlainAuthority(authority))
        {
            return null;
        }

        var colon = authority.IndexOf(':');
        return (colon < 0 ? authority : authority[..colon]).ToString();
    }

    /// <summary>
    /// The query of an http(s) URL with a plain host name whose path, query and fragment are all characters a URI keeps
    /// as they are, as <see cref="Uri.Query"/> gives it ("?…" up to any fragment; "" when there is none), or null for any
    /// other URL: the URI parser's to read.
    /// </summary>
    internal static string? PlainQuery(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var afterScheme = HttpSchemeLength(url);
        if (afterScheme == 0)
        {
            return null;
        }

        var rest = url.AsSpan(afterScheme);
        var authority = AuthorityOf(rest);
        var tail = rest[authority.Length..];
        if (!IsPlainAuthority(authority) || !IsPlainTail(tail))
        {
            return null;
        }

        var beforeFragment = tail.IndexOf('#') is var hash and >= 0 ? tail[..hash] : tail;
        return beforeFragment.IndexOf('?') is var query and >= 0 ? beforeFragment[query..].ToString() : string.Empty;
    }

    // The length of "https://" or "http://" in any case at the start, or 0.
    private static int HttpSchemeLength(ReadOnlySpan<char> url) =>
        url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? 8 : url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? 7 : 0;

    // What follows the scheme up to the path, query or fragment.
    private static ReadOnlySpan<char> AuthorityOf(ReadOnlySpan<char> afterScheme) =>
        afterScheme.IndexOfAny('/', '?', '#') is var end and >= 0 ? afterScheme[..end] : afterScheme;

    // A path from the root with no "." or ".." segment (which a URI would remove) and one fragment at most.
    private static bool IsPlainPath(ReadOnlySpan<char> path)
    {
        if (!IsPlainTail(path))
        {
            return false;
        }

        var end = path.IndexOfAny('?', '#');
        var segments = end < 0 ? path : path[..end];
        foreach (var range in segments.Split('/'))
        {
            if (segments[range] is "." or "..")
            {
                return false;
            }
        }

        return true;
    }

    // Path, query and fragment in characters a URI keeps, with at most one '#' (a second one would be escaped).
    private static bool IsPlainTail(ReadOnlySpan<char> tail)
    {
        var hash = tail.IndexOf('#');
        return !tail.ContainsAnyExcept(PlainUriCharacters) || (hash >= 0 && !tail[..hash].ContainsAnyExcept(PlainUriCharacters)
            && !tail[(hash + 1)..].ContainsAnyExcept(PlainUriCharacters));
    }

    // An ASCII host name of letters, digits and inner hyphens (not ending in a number: that is an address), an optional port.
    private static bool IsPlainAuthority(ReadOnlySpan<char> authority)
    {
        var colon = authority.IndexOf(':');
        var host = colon < 0 ? authority : authority[..colon];
        if (colon >= 0 && !(authority.Length - colon - 1 is >= 1 and <= 5
            && int.TryParse(authority[(colon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port)
            && port <= 65535))
        {
            return false;
        }

        if (host.Length is 0 or > 253)
        {
            return false;
        }

        var lastLabelIsNumber = false;
        foreach (var range in host.Split('.'))
        {
            var label = host[range];
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-' || label.ContainsAnyExcept(HostCharacters))
            {
                return false;
            }

            // Decimal, and hexadecimal ("0x1"): the URI parser reads a host ending in a number as an IPv4 address.
            lastLabelIsNumber = !label.ContainsAnyExceptInRange('0', '9')
                || (label.Length >= 2 && label[0] == '0' && label[1] is 'x' or 'X' && !label[2..].ContainsAnyExcept(HexDigits));
        }

        return !lastLabelIsNumber;
    }
}
