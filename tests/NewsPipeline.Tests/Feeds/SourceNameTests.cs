using NewsPipeline.Core.Model.Feeds;
using NewsPipeline.Core.Reading.Articles.Parsing;
using NewsPipeline.Core.Services.Pipeline;

namespace NewsPipeline.Tests.Feeds;

/// <summary>One outlet, one source name, whichever way its articles came: a feed named by its URL, an import, a parse.</summary>
public sealed class SourceNameTests
{
    [Fact]
    public void A_feed_an_imported_article_and_a_parsed_document_of_one_site_get_one_name()
    {
        var document = "<!--1733040000000-->\n[Harbour reopens](https://www.voachinese.com/a/harbour/1.html)\n------\n\n<p>The harbour reopened.</p>\n";
        var parsed = new ArticleMetadataParser(TimeProvider.System).Parse(document);

        var fromFeed = FeedSource.NameFor("https://www.voachinese.com/api/zyrmqvepm");
        var fromImport = ImportService.SourceFor(parsed);

        Assert.Equal("voachinese.com", fromFeed);
        Assert.Equal(fromFeed, fromImport);
        Assert.Equal(fromFeed, parsed.Source);
    }

    [Theory]
    [InlineData("WWW.Example.ORG", "example.org")]
    [InlineData("news.example.co.uk", "news.example.co.uk")]
    [InlineData("例子.测试", null)]
    [InlineData("", null)]
    public void A_host_becomes_a_lower_case_slug_or_nothing(string host, string? expected) =>
        Assert.Equal(expected, SourceName.FromHost(host));

    [Fact]
    public void A_name_never_outgrows_a_source_name()
    {
        var name = SourceName.FromHost(new string('a', 100) + ".example.org");

        Assert.NotNull(name);
        Assert.True(FeedSource.IsValidName(name), name);
    }
}
