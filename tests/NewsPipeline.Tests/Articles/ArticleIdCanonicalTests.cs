using NewsPipeline.Core.Model.Articles;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Articles;

/// <summary>
/// <see cref="ArticleId.Canonicalize"/> skips its UriBuilder for URLs that are already canonical apart from case; an id
/// that changed would move every article to a new blob and row, so the shortcut must give what the builder gives.
/// </summary>
public sealed class ArticleIdCanonicalTests
{
    public static TheoryData<string> Urls()
    {
        var urls = new List<string>
        {
            "https://www.voachinese.com/a/biden-urges-putin-to-de-escalate-ukraine-tensions-20211230/6376677.html",
            "HTTPS://News.Example.COM:443/a/b.html?id=7&x=%20y#comments",
            "http://news.example:80/path/../story?b=2&a=1",
            "http://news.example:8080/story",
            "https://user:pw@news.example/story",
            "https://例子.测试/新闻/一?q=中文",
            "https://xn--fsqu00a.xn--0zwm56d/x",
            "https://news.example/caf%C3%A9/Café story.html",
            "https://[2001:db8::1]/story",
            "https://192.0.2.7/story?x=1",
            "  https://news.example/trimmed  ",
            "https://news.example",
            "https://news.example/a%2Fb/c;params?q=a+b",
            "ftp://files.example/x",
            "not a url",
        };
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Fixture("articles")).Where(f => !f.EndsWith(".json", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(file);
            urls.AddRange(System.Text.RegularExpressions.Regex.Matches(text, "(?:href|src)=\"([^\"]+)\"|\\]\\(([^)\\s]+)\\)")
                .Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value));
        }

        return new TheoryData<string>(urls.Distinct(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Urls))]
    public void The_shortcut_gives_what_the_UriBuilder_gives(string url) => Assert.Equal(WithBuilder(url), ArticleId.Canonicalize(url));

    [Theory]
    [MemberData(nameof(Urls))]
    public void A_uri_parsed_already_gives_the_id_the_text_gives(string url)
    {
        // The parser hands over its resolver's URI of the article; one parsed from other text must not be read.
        Uri.TryCreate(url, UriKind.Absolute, out var parsed);
        var other = new Uri("https://other.example/elsewhere");

        Assert.Equal(ArticleId.FromUrl(url), ArticleId.FromUrl(url, parsed));
        Assert.Equal(ArticleId.FromUrl(url), ArticleId.FromUrl(url, other));
    }

    // The implementation before the shortcut, kept here as the reference.
    private static string WithBuilder(string url)
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
}
