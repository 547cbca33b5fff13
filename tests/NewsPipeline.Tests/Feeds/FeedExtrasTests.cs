using NewsPipeline.Core.Model.Feeds;
using NewsPipeline.Core.Reading.Feeds;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Feeds;

/// <summary>What feeds say beside the item HTML: lead images, bylines, declared languages, categories.</summary>
public sealed class FeedExtrasTests
{
    private static ParsedFeed Read(string fixture, string feedUrl = "https://feeds.example/feed") =>
        FeedReader.Read(File.ReadAllBytes(RepositoryPaths.Fixture("feeds", fixture)), new Uri(feedUrl));

    [Fact]
    public void BBC_style_media_thumbnail_gives_the_widest_picture_and_the_channel_language()
    {
        var feed = Read("media-thumbnail.xml");
        var item = Assert.Single(feed.Items);

        Assert.Equal("en-gb", feed.Language);
        Assert.Equal(new FeedImage("https://images.harbour.example/976/storm-ida.jpg", null), item.Image);
        Assert.Null(item.Author);
        Assert.Equal(["World", "Weather"], item.Categories);
    }

    [Fact]
    public void Guardian_style_media_content_gives_the_widest_picture_with_its_description_and_credit()
    {
        var item = Assert.Single(Read("media-content.xml").Items);

        Assert.Equal("https://i.lantern.example/img/ferry/460.jpg", item.Image!.Url);
        Assert.Equal("Ferries tied up at the north pier on Monday. Photograph: Tomas Berg/Lantern", item.Image.Caption);
        Assert.Equal("Rosa Lind", item.Author);
        Assert.Equal(["Transport"], item.Categories);
    }

    [Fact]
    public void VOA_style_image_enclosure_is_the_picture_and_the_author_address_gives_its_name()
    {
        var item = Assert.Single(Read("enclosure-image.xml").Items);

        Assert.Equal(new FeedImage("https://gdb.voice.example/library-plan_w900.jpg", null), item.Image);
        Assert.Equal("Omar Haddad", item.Author);
    }

    [Fact]
    public void Atom_entries_inherit_the_feed_author_and_language_and_read_media_and_image_enclosures()
    {
        var feed = Read("atom-media.xml", "https://hill.example/feed.atom");

        Assert.Equal("en", feed.Language);
        Assert.Equal(["Hill Courier desk", "Ines Vogel"], feed.Items.Select(i => i.Author));
        Assert.Equal(new FeedImage("https://hill.example/img/ski-lifts.jpg", "The upper lift at dawn."), feed.Items[0].Image);
        Assert.Equal(new FeedImage("https://hill.example/img/pass.png", null), feed.Items[1].Image);
        Assert.Equal(["en", "en"], feed.Items.Select(i => i.Language));
        Assert.Equal(["Outdoors"], feed.Items[0].Categories);
    }

    [Fact]
    public void JSON_Feed_items_give_their_image_resolved_their_authors_tags_and_the_feed_language()
    {
        var feed = Read("jsonfeed-extras.json");

        Assert.Equal("en", feed.Language);
        Assert.Equal(new FeedImage("https://delta.example/media/tram-77.jpg", null), feed.Items[0].Image);
        Assert.Equal("Kai Moreno, Lea Stone", feed.Items[0].Author);
        Assert.Equal(["Transport", "City hall"], feed.Items[0].Categories);
        // An item without authors has the feed's.
        Assert.Equal("Delta Daily staff", feed.Items[1].Author);
        Assert.Null(feed.Items[1].Image);
    }

    [Theory]
    [InlineData("<enclosure url=\"https://x.example/a.mp3\" type=\"audio/mpeg\"/>")]
    [InlineData("<media:content url=\"https://x.example/v.mp4\" medium=\"video\"/>")]
    [InlineData("<media:content url=\"https://x.example/v.mp4\" type=\"video/mp4\"/>")]
    [InlineData("<media:thumbnail url=\"javascript:alert(1)\"/>")]
    [InlineData("<media:thumbnail/>")]
    public void Media_that_is_not_an_http_image_is_no_lead_image(string media)
    {
        var xml = $"<rss version=\"2.0\" xmlns:media=\"http://search.yahoo.com/mrss/\"><channel><title>t</title><item><title>x</title><link>https://x.example/1</link>{media}</item></channel></rss>";

        var item = Assert.Single(FeedReader.Read(System.Text.Encoding.UTF8.GetBytes(xml), new Uri("https://x.example/feed")).Items);

        Assert.Null(item.Image);
    }
}
