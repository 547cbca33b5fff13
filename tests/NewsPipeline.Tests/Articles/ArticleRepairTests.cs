using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using NewsPipeline.Core.Model.Articles;
using NewsPipeline.Core.Reading.Articles.Parsing;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Articles;

/// <summary>Article text the parser used to get wrong, and the sanitized HTML it stores (Fixtures/article-repairs).</summary>
public sealed class ArticleRepairTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static ArticleMetadata Parse(string fixture, ParserOptions? options = null) =>
        new ArticleMetadataParser(new FakeTimeProvider(Now), options ?? new ParserOptions())
            .Parse(File.ReadAllText(RepositoryPaths.Fixture("article-repairs", fixture)));

    [Fact]
    public void Tracking_pixels_and_ad_network_images_are_never_the_lead_image()
    {
        var article = Parse("tracking-pixel-before-photo.md");

        Assert.Equal("https://harbour-news.example/photos/2026/ferry-at-dawn.jpg", article.Image);
        Assert.Equal("The ferry at the north pier at dawn.", article.Caption);
    }

    [Fact]
    public void A_double_encoded_title_and_summary_are_repaired_and_real_Latin_1_is_kept()
    {
        var repaired = Parse("double-encoded-title-and-summary.md");
        var latin1 = Parse("real-latin1-title.md");

        Assert.Equal("Flüchtlinge erreichen die Küste", repaired.Title);
        Assert.Equal("Die Behörden zählten am Dienstag mehr Ankünfte als im ganzen März.", repaired.Summary);
        Assert.Equal("Café und Crème: São Paulo feiert", latin1.Title);
        Assert.Equal("Im Café am Markt gab es Crème brûlée für alle Gäste.", latin1.Summary);
    }

    [Fact]
    public void CST_in_a_Chinese_article_header_is_China_Standard_Time_and_in_an_English_one_US_Central()
    {
        var chinese = Parse("chinese-cst-header.md");
        var english = Parse("english-cst-header.md");

        Assert.Equal("zh-Hans", chinese.Language);
        Assert.Equal(DateTimeOffset.Parse("2026-11-24T07:30:00Z", CultureInfo.InvariantCulture), chinese.Published);
        Assert.Equal(PublishedOrigin.Header, chinese.PublishedOrigin);
        Assert.Equal(DateTimeOffset.Parse("2026-11-24T21:30:00Z", CultureInfo.InvariantCulture), english.Published);
    }

    [Fact]
    public void The_stored_HTML_is_sanitized_with_links_and_images_resolved_against_the_article()
    {
        var html = Parse("relative-links-and-script.md").ContentHtml;

        Assert.NotNull(html);
        Assert.Contains("src=\"https://valley-times.example/img/bridge.jpg\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://valley-times.example/news/2026/10/bridge-plan.html\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onclick", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("The council voted", html, StringComparison.Ordinal);
    }

    [Fact]
    public void HTML_too_long_to_store_and_a_parser_told_not_to_sanitize_give_no_stored_HTML()
    {
        var longBody = string.Concat(Enumerable.Repeat("<p>The harbour authority said on Tuesday that the timetable would change.</p>", 2_000));
        var parser = new ArticleMetadataParser(new FakeTimeProvider(Now));
        var article = parser.Parse($"<!--1795507200000-->\n[Long](https://news.example/long)\n------\n\n{longBody}\n");

        Assert.True(longBody.Length > ArticleHtml.MaxStoredLength);
        Assert.Null(article.ContentHtml);
        Assert.Equal(2_000, article.Paragraphs);
        Assert.Null(Parse("relative-links-and-script.md", new ParserOptions { ContentHtml = false }).ContentHtml);
    }

    [Fact]
    public void Stored_HTML_is_kept_up_to_the_row_limit_of_its_sanitized_length_however_long_the_input()
    {
        var parser = new ArticleMetadataParser(new FakeTimeProvider(Now));
        string? Stored(string body) => parser.Parse($"<!--1795507200000-->\n[Long](https://news.example/long)\n------\n\n{body}\n").ContentHtml;
        var fits = "<p>" + new string('x', ArticleHtml.MaxStoredLength - "<p></p>".Length) + "</p>";

        Assert.Equal(fits, Stored(fits));
        Assert.Null(Stored("<p>" + new string('x', ArticleHtml.MaxStoredLength - "<p></p>".Length + 1) + "</p>"));

        // Four times the limit of input, nearly all of it script and style nobody is served: what is left is stored.
        var scripted = $"<script>{new string('s', 2 * ArticleHtml.MaxStoredLength)}</script><style>{new string('y', 2 * ArticleHtml.MaxStoredLength)}</style><p>The story.</p>";
        Assert.Equal("<p>The story.</p>", Stored(scripted));
    }
}
