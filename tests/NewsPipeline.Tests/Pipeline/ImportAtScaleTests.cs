using NewsPipeline.Testing.Load;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Pipeline;

/// <summary>The small version of the <c>import</c> load test (bench/NewsPipeline.LoadTests), run in CI: the same harness, 600 articles.</summary>
public sealed class ImportAtScaleTests
{
    [Fact]
    public async Task Batched_import_sends_a_fraction_of_the_per_article_table_requests_and_a_current_reindex_downloads_nothing()
    {
        const int articles = 600;
        var passes = await ImportAtScale.RunAsync(await AzuriteServer.ConnectionStringAsync(), articles, baseline: 100, progress: null, CancellationToken.None);

        Assert.Equal(4, passes.Count);
        var (perArticle, batched, current, all) = (passes[0], passes[1], passes[2], passes[3]);
        Assert.Equal(100, perArticle.Articles);
        // Before issue 11: a by-id read, then the parse's reads and single writes; one upload each. Since issue 30 the
        // parse also finds the article's story: 18-20 more (docs/performance/stories.md).
        Assert.InRange(perArticle.TableRequestsPerArticle, 5.0 + 16, 7.0 + 20);
        Assert.InRange(perArticle.BlobRequestsPerArticle, 1.0, 1.05);
        // Transactions of up to 100 rows per partition: the by-id rows spread over at most 256 partitions ("id-" and two
        // hex digits), the timeline and change rows over a few, so a chunk costs at most ~300 requests however many it holds.
        Assert.InRange(batched.TableRequests, 10, 256 + 50);
        Assert.InRange(batched.BlobRequestsPerArticle, 1.0, 1.1);
        // Every row current: the listing (a page of 5,000 names per request) and one range query per source-day, no download.
        Assert.InRange(current.BlobRequests, 1, 10);
        Assert.InRange(current.TableRequestsPerArticle, 0.0, 0.5);
        // --all downloads every blob again (and lists them a page at a time).
        Assert.InRange(all.BlobRequests, articles, articles + 10);
    }
}
