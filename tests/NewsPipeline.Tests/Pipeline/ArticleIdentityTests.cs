using NewsPipeline.Core.Services.Pipeline;
using NewsPipeline.Core.Storage.Tables;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Pipeline;

public sealed class ArticleIdentityTests
{
    [Fact]
    public async Task Items_that_share_a_link_or_have_none_become_distinct_articles_from_blob_to_row()
    {
        await using var server = await FeedServer.StartAsync();
        var shared = server.Serve("corpus/live.xml", File.ReadAllBytes(RepositoryPaths.Fixture("feeds", "corpus", "rss20-duplicate-guids.xml")), "application/rss+xml");
        var linkless = server.Serve("corpus/notices.xml", File.ReadAllBytes(RepositoryPaths.Fixture("feeds", "corpus", "rss20-no-links.xml")), "application/rss+xml");
        await using var pipeline = await TestPipeline.CreateAsync($"live={shared};notices={linkless}");

        var report = await pipeline.Get<FetchService>().RunAsync(null, CancellationToken.None);
        var parse = pipeline.Get<ParseService>();
        var articles = new List<Core.Model.Articles.ArticleMetadata>();
        foreach (var blob in report.WrittenBlobs)
        {
            var outcome = await parse.ParseBlobAsync(blob, CancellationToken.None);
            Assert.True(outcome.Succeeded, outcome.FailureReason);
            articles.Add(outcome.Article!);
        }

        Assert.Equal(3, articles.Count);
        Assert.All(articles, a => Assert.EndsWith("/" + a.Id + ".md", a.BlobName, StringComparison.Ordinal));
        Assert.Equal(3, articles.Select(a => a.Id).Distinct().Count());
        var notice = Assert.Single(articles, a => a.Source == "notices");
        Assert.StartsWith("https://corpus.example/#newspipeline-item-", notice.Url, StringComparison.Ordinal);
        foreach (var article in articles)
        {
            Assert.Equal(article.Title, (await pipeline.Get<ArticleIndexStore>().GetAsync(article.Id, CancellationToken.None))!.Title);
        }
    }
}
