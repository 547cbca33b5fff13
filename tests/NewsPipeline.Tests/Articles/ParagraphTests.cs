using Microsoft.Extensions.Time.Testing;
using NewsPipeline.Core.Model.Articles;
using NewsPipeline.Core.Reading.Articles.Parsing;

namespace NewsPipeline.Tests.Articles;

/// <summary>
/// Which paragraphs count and which one is the summary. The walk decodes each text node once and makes a string of a
/// paragraph only when it is short enough to be boilerplate or a dateline, or is the summary: these hold it to what
/// reading every paragraph as cleaned text gives.
/// </summary>
public sealed class ParagraphTests
{
    private static readonly string LongStory =
        "The harbour authority said on Tuesday that the new timetable would apply from December, and that passengers would be told.";

    private static ArticleMetadata Parse(string html) =>
        new ArticleMetadataParser(new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero)))
            .Parse($"<!--1795507200000-->\n[Paragraphs](https://harbour-news.example/2026/11/paragraphs.html)\n------\n\n{html}\n");

    [Fact]
    public void Entities_are_decoded_once_so_an_escaped_entity_stays_text()
    {
        var article = Parse("<p>Write &amp;lt;b&amp;gt; for bold &amp; &#8220;quote&#8221; it.</p>");

        Assert.Equal("Write &lt;b&gt; for bold & \u201Cquote\u201D it.", article.Summary);
    }

    [Fact]
    public void Boilerplate_padded_past_its_length_with_white_space_and_entities_is_still_boilerplate()
    {
        var padding = string.Concat(Enumerable.Repeat(" \n\t&nbsp;", 40));
        var article = Parse($"<p>{padding}Advertisement{padding}</p><p>{padding}&nbsp;</p><p>{LongStory}</p>");

        Assert.Equal(1, article.Paragraphs);
        Assert.Equal(LongStory, article.Summary);
    }

    [Fact]
    public void A_long_paragraph_counts_and_is_the_summary_cleaned_of_its_white_space_after_a_dateline()
    {
        var words = string.Join(' ', Enumerable.Range(0, 20).Select(i => $"word{i}"));
        var article = Parse($"<p>24 Nov 2026 07:12</p><p>  The  harbour\n<b>authority</b>&nbsp;said {words}  </p><p>Share this</p>");

        Assert.Equal(2, article.Paragraphs);
        Assert.Equal($"The harbour authority said {words}", article.Summary);
    }

    [Fact]
    public void A_paragraph_inside_another_counts_on_its_own_and_the_outer_one_holds_its_text()
    {
        var article = Parse($"<p>Before the inner one. <span><p>{LongStory}</p></span> After it.</p><p>{LongStory}</p>");

        // Inside a span HtmlAgilityPack keeps the inner <p> in the outer one (a bare <p> would close it): both count,
        // and the outer one, first in document order, reads all of its text.
        Assert.Equal(3, article.Paragraphs);
        Assert.Equal($"Before the inner one. {LongStory} After it.", article.Summary);
    }

    [Fact]
    public void Every_white_space_character_and_the_invisible_ones_outlets_leave_collapse_to_one_space_and_nothing_else_does()
    {
        for (var c = '\0'; c < char.MaxValue; c++)
        {
            var space = char.IsWhiteSpace(c) || c is '\u00A0' or '\u3000' or '\u200B' or '\uFEFF';
            var cleaned = TextCleaner.CleanDecoded($"a{c}{c}b");

            Assert.True(cleaned == (space ? "a b" : $"a{c}{c}b"), $"U+{(int)c:X4}: \"{cleaned}\"");
            Assert.Equal(space ? 2 : 4, TextCleaner.CountVisible($"a{c}{c}b", int.MaxValue));
        }
    }
}
