using NewsPipeline.Testing.Load;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Reliability;

/// <summary>
/// The load scenario at CI size (the full 50 × 200 run is the `ingest` load test in bench/NewsPipeline.LoadTests,
/// figures in docs/performance/pipeline.md): a local site of feeds is ingested while the items endpoint is queried
/// without pause; nothing fails, nothing is lost.
/// </summary>
public sealed class IngestUnderLoadTests
{
    [Fact]
    public async Task Ingesting_while_the_API_is_queried_loses_nothing_and_answers_every_query()
    {
        var run = await IngestUnderLoad.RunAsync(await AzuriteServer.ConnectionStringAsync(), feeds: 10, itemsPerFeed: 50, queryWorkers: 2, CancellationToken.None);

        Assert.Equal(500, run.BlobsWritten);
        Assert.Equal(500, run.Parsed);
        Assert.Equal(0, run.FetchFailures);
        Assert.Equal(0, run.ParseFailures);
        Assert.True(run.Queries > 0, "the load generator sent no query during the ingest");
        Assert.Equal(0, run.QueryErrors);
        Assert.Equal(100, run.ItemsServedAtEnd);
    }
}
