using System.Globalization;
using NewsPipeline.Core.Model.Feeds;
using NewsPipeline.Core.Reading.Feeds;
using NewsPipeline.Tests.Infrastructure;

using NewsPipeline.Core.Reading;

namespace NewsPipeline.Tests.Feeds;

public sealed class FeedReaderTests
{
    private static ParsedFeed Read(string fixture, string feedUrl = "https://feeds.example/feed") =>
        FeedReader.Read(File.ReadAllBytes(RepositoryPaths.Fixture("feeds", fixture)), new Uri(feedUrl));

    private static DateTimeOffset Utc(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

    [Fact]
    public void RSS_2_items_give_links_dates_and_the_richest_content()
    {
        var feed = Read("rss2-basic.xml");

        Assert.Equal("rss2.0", feed.Format);
        Assert.Equal(["Reservoir reaches record level", "Bridge closed for inspection", "Market moves indoors"], feed.Items.Select(i => i.Title));
        Assert.Equal(["https://basin.example/news/reservoir-record", "https://basin.example/news/bridge-inspection", "https://basin.example/news/market-indoors"],
            feed.Items.Select(i => i.Link));
        Assert.Equal([Utc("2026-11-23T07:00:00Z"), Utc("2026-11-22T17:30:00Z"), Utc("2026-11-21T09:00:00Z")], feed.Items.Select(i => i.Published!.Value));
        Assert.StartsWith("<p>The reservoir stood", feed.Items[0].ContentHtml, StringComparison.Ordinal);
        Assert.False(feed.Items[0].EntryIdIsPermaLink);
        Assert.True(feed.Items[2].EntryIdIsPermaLink);
    }

    [Fact]
    public void Atom_entries_resolve_relative_links_against_xml_base_and_prefer_published()
    {
        var feed = Read("atom-basic.xml");

        Assert.Equal("atom1.0", feed.Format);
        Assert.Equal(["https://valley.example/blog/posts/orchard-harvest", "https://valley.example/blog/posts/bus-line"], feed.Items.Select(i => i.Link));
        Assert.Equal([Utc("2026-11-24T08:00:00Z"), Utc("2026-11-20T08:00:00Z")], feed.Items.Select(i => i.Published!.Value));
        Assert.Equal("Ana Ruiz", feed.Items[0].Author);
        Assert.Contains("<b>20 minutes</b>", feed.Items[1].ContentHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void RSS_1_RDF_items_beside_the_channel_are_read()
    {
        var feed = Read("rdf-basic.xml");

        Assert.Equal("rss1.0", feed.Format);
        Assert.Equal(["Snow on the pass", "Hut reopens"], feed.Items.Select(i => i.Title));
        Assert.Equal(Utc("2026-11-19T05:00:00Z"), feed.Items[0].Published);
    }

    [Fact]
    public void JSON_Feed_items_resolve_relative_urls_and_encode_plain_text()
    {
        var feed = Read("jsonfeed-basic.json", "https://coast.example/feed.json");

        Assert.Equal("jsonfeed1.1", feed.Format);
        Assert.Equal(["https://coast.example/2026/11/lighthouse", "https://coast.example/2026/11/beach-cleanup"], feed.Items.Select(i => i.Link));
        Assert.Equal(Utc("2026-11-23T01:00:00Z"), feed.Items[0].Published);
        Assert.Equal("Volunteers collected two tonnes of litter &amp; nets.", feed.Items[1].ContentHtml);
    }

    [Fact]
    public void An_RSS_091_feed_that_declares_a_DOCTYPE_still_reads_in_its_declared_encoding()
    {
        var feed = Read("rss091-doctype.xml");

        Assert.Equal("Café reopens on the square", Assert.Single(feed.Items).Title);
        Assert.Null(feed.Items[0].Published);
    }

    [Theory]
    [InlineData("billion-laughs.xml", "the entity &lol9; (line 14, position 37)")]
    [InlineData("external-entity.xml", "the entity &secret; (line 3, position 61)")]
    public void Entity_expansion_and_external_entities_are_refused_with_a_clear_error(string fixture, string entity)
    {
        var error = Assert.Throws<FeedFormatException>(() => Read(fixture));
        Assert.StartsWith("Not well-formed XML: " + entity + " is defined nowhere this reader looks", error.Message, StringComparison.Ordinal);
        Assert.Contains("entities a DTD (<!DOCTYPE …>) declares are never expanded here", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", error.Message, StringComparison.Ordinal);
        RuntimeTexts.AssertNone(error.Message);
    }

    [Theory]
    [InlineData("", "The response is empty")]
    [InlineData("<html><body>Not found</body></html>", "is not <rss>, <rdf:RDF> or <feed>")]
    [InlineData("<rss><channel><item><title>cut", "Not well-formed XML")]
    [InlineData("{\"title\": \"no version\"}", "this is not a JSON Feed")]
    [InlineData("{\"version\": ", "Not valid JSON")]
    public void A_document_that_is_not_a_feed_fails_with_the_reason(string content, string reason)
    {
        var error = Assert.Throws<FeedFormatException>(() => FeedReader.Read(System.Text.Encoding.UTF8.GetBytes(content), null));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        RuntimeTexts.AssertNone(error.Message);
    }

    [Fact]
    public void A_JSON_Feed_that_breaks_off_says_where_in_plain_words()
    {
        var error = Assert.Throws<FeedFormatException>(() => FeedReader.Read("{\"version\": \"https://jsonfeed.org/version/1.1\",\n \"items\": [ {\"id\": }"u8.ToArray(), null));

        Assert.Equal("Not valid JSON: reading stops at line 2, byte 20 (a syntax error, or arrays and objects nested more than 32 deep)", error.Message);
    }
}
