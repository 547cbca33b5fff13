using System.Globalization;
using NewsPipeline.Core.Model.Feeds;
using NewsPipeline.Core.Reading.Feeds;
using NewsPipeline.Core.Reading.Feeds.Encoding;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Feeds;

/// <summary>Real-world feed text the readers used to get wrong (Fixtures/feeds/repairs, each shaped like the real case).</summary>
public sealed class FeedRepairTests
{
    private static ParsedFeed Read(string fixture) =>
        FeedReader.Read(File.ReadAllBytes(RepositoryPaths.Fixture("feeds", "repairs", fixture)), new Uri("https://feeds.example/" + fixture));

    private static DateTimeOffset Utc(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

    [Fact]
    public void Titles_encoded_as_UTF_8_twice_are_repaired_and_real_accented_titles_are_left_alone()
    {
        var feed = Read("rss2-double-encoded-utf8.xml");

        Assert.Equal(
            ["Flüchtlinge erreichen die Küste vor März", "¿Cuál es el plan? Entrevista con la alcaldesa – parte 2", "Café und Crème: São Paulo feiert"],
            feed.Items.Select(i => i.Title));
    }

    [Theory]
    [InlineData("FlÃ¼chtlinge", "Flüchtlinge")]
    [InlineData("Â¿CuÃ¡l?", "¿Cuál?")]
    [InlineData("itâ€™s", "it’s")]
    [InlineData("åŒ—äº¬", "北京")]
    [InlineData("Café", "Café")]
    [InlineData("São Paulo", "São Paulo")]
    [InlineData("Ã alone", "Ã alone")]
    [InlineData("北京 FlÃ¼chtlinge", "北京 FlÃ¼chtlinge")]
    [InlineData("plain ASCII", "plain ASCII")]
    [InlineData("", "")]
    public void Double_encoded_UTF_8_is_repaired_only_when_the_Latin_1_bytes_are_valid_UTF_8(string text, string expected) =>
        Assert.Equal(expected, DoubleEncodedUtf8.Repair(text));

    [Fact]
    public void RSS_items_dated_only_by_Dublin_Core_terms_take_issued_then_created_then_modified()
    {
        var feed = Read("rss2-dcterms-dates.xml");

        Assert.Equal([Utc("2026-11-20T09:30:00Z"), Utc("2026-11-22T09:15:00Z"), Utc("2026-11-21T00:00:00Z")], feed.Items.Select(i => i.Published!.Value));
        Assert.All(feed.Items, i => Assert.Null(i.UnreadDate));
    }

    [Fact]
    public void An_Atom_link_without_href_does_not_hide_the_alternate_link_and_the_first_updated_counts()
    {
        var entry = Assert.Single(Read("atom-link-without-href.xml").Items);

        Assert.Equal("https://ridge.example/2026/11/snow", entry.Link);
        Assert.Equal(Utc("2026-11-24T08:00:00Z"), entry.Published);
    }

    [Fact]
    public void CST_is_China_Standard_Time_in_a_Chinese_feed_and_US_Central_in_an_English_one()
    {
        Assert.Equal(Utc("2026-11-24T07:30:00Z"), Assert.Single(Read("rss2-chinese-cst.xml").Items).Published);
        Assert.Equal(Utc("2026-11-24T21:30:00Z"), Assert.Single(Read("rss2-english-cst.xml").Items).Published);
    }
}
