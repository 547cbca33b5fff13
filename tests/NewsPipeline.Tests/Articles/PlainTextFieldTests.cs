using Microsoft.Extensions.Time.Testing;
using NewsPipeline.Core.Reading.Articles.Parsing;

namespace NewsPipeline.Tests.Articles;

/// <summary>
/// Titles and bylines are text (issue 26): a feed's markup in them, or markup escaped into them, is stripped when the
/// article is parsed, as feedparser does, so no client that shows a title as HTML runs what a feed put there. Text
/// that merely holds a '&lt;' stays exactly as it was.
/// </summary>
public sealed class PlainTextFieldTests
{
    private static readonly ArticleMetadataParser Parser = new(new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero)));

    private static string Document(string title, string header = "<div><i>Tue, 24 Nov 2026 07:12:00 GMT</i></div>") =>
        $"<!--1795507200000-->\n[{title}](https://harbour.example/news/1)\n------\n\n{header}<p>The harbour reopened to ferries on Monday after the storm.</p>\n";

    [Theory]
    [InlineData("<b>Harbour</b> reopens", "Harbour reopens")]
    [InlineData("<script>alert(1)</script> Harbour reopens", "Harbour reopens")]
    [InlineData("&lt;script&gt;alert(1)&lt;/script&gt; Harbour reopens", "Harbour reopens")]
    [InlineData("<style>b{color:red}</style><i>Harbour</i> <b>reopens</b>", "Harbour reopens")]
    [InlineData("<p>Harbour</p><p>reopens</p>", "Harbour reopens")]
    [InlineData("Harbour<br>reopens <!-- a note -->", "Harbour reopens")]
    [InlineData("<B>AT&amp;T</B> &amp; the harbour <img src=x onerror=alert(1)>", "AT&T & the harbour")]
    [InlineData("<a href=\"https://harbour.example/\">Harbour</a>&nbsp;reopens", "Harbour reopens")]
    public void A_title_with_markup_is_stored_as_its_text(string title, string expected)
    {
        Assert.Equal(expected, Parser.Parse(Document(title)).Title);
    }

    [Theory]
    [InlineData("Fish & chips: prices rise <again>")]
    [InlineData("Q&A: \"Ferries\" — what's next <2027>")]
    [InlineData("Tides < 2 m and winds > 80 km/h")]
    [InlineData("I <3 harbours, says the mayor")]
    [InlineData("Use <harbour-box> for the map")]
    [InlineData("Harbour reopens")]
    public void A_title_without_markup_is_kept_exactly(string title)
    {
        Assert.Equal(title, Parser.Parse(Document(title)).Title);
        Assert.Equal(title, PlainText.Of(title));
        Assert.Same(title, PlainText.Of(title));
    }

    [Fact]
    public void A_byline_with_markup_in_the_header_or_the_front_matter_is_its_text()
    {
        var header = Parser.Parse(Document("Harbour reopens", "<div><i>&lt;b&gt;Mira Okafor&lt;/b&gt;<br>Tue, 24 Nov 2026 07:12:00 GMT</i></div>"));
        var frontMatter = Parser.Parse("---\nauthor: <b>Tom Reyes</b><script>x()</script>\n---\n" + Document("Harbour reopens", string.Empty));

        Assert.Equal("Mira Okafor", header.Author);
        Assert.Equal("Tom Reyes", frontMatter.Author);
    }

    [Fact]
    public void A_title_that_is_all_script_is_empty_and_a_huge_or_deeply_nested_one_still_loses_its_tags()
    {
        Assert.Equal(string.Empty, Parser.Parse(Document("<script>alert(1)</script>")).Title);
        Assert.Equal(string.Join(' ', Enumerable.Repeat("Harbour", 500)), Parser.Parse(Document(string.Concat(Enumerable.Repeat("<b>Harbour</b> ", 500)))).Title);

        // Past what is walked as HTML, and past the nesting HtmlAgilityPack is allowed: the tags are cut out as they stand.
        Assert.Equal(string.Join(' ', Enumerable.Repeat("Harbour", 10_000)), PlainText.Of(string.Concat(Enumerable.Repeat("<b>Harbour</b> ", 10_000))));
        Assert.Equal("x Harbour", PlainText.Of("x" + string.Concat(Enumerable.Repeat("<i>", 2_000)) + "Harbour"));
    }
}
