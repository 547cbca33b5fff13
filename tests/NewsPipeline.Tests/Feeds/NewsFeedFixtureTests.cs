using NewsPipeline.Core.Model.Feeds;
using NewsPipeline.Core.Reading.Feeds;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Feeds;

/// <summary>
/// The news-shaped feeds the feed benchmark reads (bench/NewsPipeline.Benchmarks/Feeds/NewsFeeds): the reader gets
/// everything out of them that the pipeline files, so the benchmark's figures are for a complete read.
/// </summary>
public sealed class NewsFeedFixtureTests
{
    private static ParsedFeed Read(string name) =>
        FeedReader.Read(File.ReadAllBytes(Path.Combine(RepositoryPaths.Root, "bench", "NewsPipeline.Benchmarks", "Feeds", "NewsFeeds", name)),
            new Uri("https://feeds.example/news/" + name));

    [Theory]
    [InlineData("news-rss-wordpress.xml", "rss2.0", 40)]
    [InlineData("news-rss-media-group.xml", "rss2.0", 60)]
    [InlineData("news-atom-xhtml.xml", "atom1.0", 30)]
    [InlineData("news-rss-longreads.xml", "rss2.0", 8)]
    public void Every_item_has_its_title_link_date_content_author_and_image(string name, string format, int count)
    {
        var feed = Read(name);

        Assert.Equal(format, feed.Format);
        Assert.Equal(count, feed.Items.Count);
        Assert.All(feed.Items, item =>
        {
            Assert.NotEmpty(item.Title);
            Assert.StartsWith("https://", item.Link, StringComparison.Ordinal);
            Assert.NotNull(item.Published);
            Assert.Null(item.UnreadDate);
            Assert.True(item.ContentHtml.Length > 200, item.ContentHtml);
            Assert.False(string.IsNullOrEmpty(item.Author));
            Assert.StartsWith("https://", item.Image?.Url, StringComparison.Ordinal);
            Assert.NotEmpty(item.Categories);
        });
        Assert.Equal(feed.Items.Count, feed.Items.Select(i => i.Link).Distinct().Count());
    }

    [Fact]
    public void Atom_xhtml_content_is_markup_with_relative_links_as_written_and_entries_resolve_against_xml_base()
    {
        var feed = Read("news-atom-xhtml.xml");

        Assert.Equal("en", feed.Language);
        Assert.Equal("https://courier.example/", feed.Link);
        Assert.StartsWith("<figure", feed.Items[0].ContentHtml, StringComparison.Ordinal);
        Assert.Contains("<p xmlns=\"http://www.w3.org/1999/xhtml\">", feed.Items[0].ContentHtml, StringComparison.Ordinal);
        Assert.StartsWith("https://courier.example/stories/2026/11/", feed.Items[0].Link, StringComparison.Ordinal);
        Assert.Equal("https://courier.example/media/0/lead.jpg", feed.Items[0].Image?.Url);
        // An entry without its own author has the feed's; one in German says so.
        Assert.Equal("Hill Courier desk", feed.Items[0].Author);
        Assert.Equal("de", feed.Items[3].Language);
    }

    [Fact]
    public void The_widest_media_content_wins_with_its_description_and_credit()
    {
        var item = Read("news-rss-media-group.xml").Items[0];

        Assert.Contains("width=460", item.Image!.Url, StringComparison.Ordinal);
        Assert.EndsWith("/Lantern", item.Image.Caption, StringComparison.Ordinal);
        Assert.Contains("<p>", item.ContentHtml, StringComparison.Ordinal);
    }
}
