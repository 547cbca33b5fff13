using Microsoft.Extensions.Time.Testing;
using NewsPipeline.Core.Reading.Articles.Parsing;

namespace NewsPipeline.Tests.Articles;

/// <summary>An article's links are where it points readers: never the article itself, however the link to it is written.</summary>
public sealed class OutboundLinkTests
{
    private static IReadOnlyList<string> LinksOf(string articleUrl, params string[] hrefs)
    {
        var anchors = string.Concat(hrefs.Select((h, i) => $"<p>Paragraph {i} with <a href=\"{h}\">a link</a>.</p>"));
        return new ArticleMetadataParser(new FakeTimeProvider()).Parse($"<!--1795507200000-->\n[Harbour]({articleUrl})\n------\n\n{anchors}\n").Links;
    }

    [Fact]
    public void Links_to_the_article_itself_are_left_out_and_its_siblings_kept()
    {
        var links = LinksOf(
            "https://report.example/2026/11/harbour.html",
            "https://report.example/2026/11/harbour.html",
            "HTTPS://Report.Example:443/2026/11/harbour.html#comments",
            "/2026/11/harbour.html",
            "/2026/11/../11/harbour.html",
            "/2026/11/harbour.html?page=2",
            "/2026/11/harbour-2.html",
            "https://report.example/2026/12/harbour.html",
            "https://other.example/2026/11/harbour.html");

        Assert.Equal(
            ["https://report.example/2026/11/harbour.html?page=2", "https://report.example/2026/11/harbour-2.html",
             "https://report.example/2026/12/harbour.html", "https://other.example/2026/11/harbour.html"],
            links);
    }

    [Fact]
    public void An_escaped_link_to_an_article_with_a_non_ASCII_address_is_the_article_too()
    {
        var links = LinksOf("https://report.example/新闻/港口.html", "/%E6%96%B0%E9%97%BB/%E6%B8%AF%E5%8F%A3.html", "/新闻/港口.html", "/新闻/其他.html");

        Assert.Equal(["https://report.example/%E6%96%B0%E9%97%BB/%E5%85%B6%E4%BB%96.html"], links);
    }
}
