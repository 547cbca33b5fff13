namespace NewsPipeline.Core.Articles.Parsing;

/// <summary>
/// One article's links made absolute against its address, each distinct link once per document: the parser's walk
/// (outbound links, the lead image) and the sanitizer ask for the same ones, and every answer costs a URI parse.
/// </summary>
internal sealed class LinkResolver(string articleUrl)
{
    private readonly Dictionary<string, string?> resolved = new(StringComparer.Ordinal);

    public string ArticleUrl { get; } = articleUrl;

    /// <summary>The article's address parsed, or null when it is not an absolute URI (relative links then resolve to nothing).</summary>
    public Uri? BaseUri { get; } = ArticleContent.BaseUri(articleUrl);

    /// <inheritdoc cref="ArticleContent.Resolve(string, Uri?)"/>
    public string? Resolve(string href)
    {
        if (!resolved.TryGetValue(href, out var link))
        {
            link = ArticleContent.Resolve(href, BaseUri);
            resolved[href] = link;
        }

        return link;
    }
}
