using Azure.Storage.Blobs;
using NewsPipeline.Core.Reading.Articles.Document;
using NewsPipeline.Core.Services.Pipeline;
using NewsPipeline.Core.Storage.Blobs;
using NewsPipeline.Core.Storage.Tables;
using NewsPipeline.Functions;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Reliability;

/// <summary>
/// A blob no parser can read, among good ones, delivered again and again: recorded once with its reason, never an
/// exception (so Event Grid does not redeliver it into a retry storm), the others parsed in the same batch, and
/// retried by reindex once it is fixed.
/// </summary>
public sealed class PoisonInputTests
{
    [Fact]
    public async Task Poison_is_recorded_once_does_not_hold_up_the_batch_and_is_retried_by_reindex_after_a_fix()
    {
        await using var pipeline = await TestPipeline.CreateAsync(feeds: string.Empty);
        var blobs = pipeline.Get<ArticleBlobStore>();
        var good = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            var name = $"wire/2026/11/2{i % 5}/{i:D40}.md";
            await blobs.TryCreateAsync(name, ArticleDocumentWriter.Write(new DateTimeOffset(2026, 11, 20 + (i % 5), 8, i, 0, TimeSpan.Zero),
                $"Wire story {i}", $"https://wire.example/{i}", $"<p>Story {i}.</p>"), CancellationToken.None);
            good.Add(name);
        }

        const string poison = "wire/2026/11/22/truncated.md";
        await blobs.TryCreateAsync(poison, "<!--1795507200000-->\n[A story cut off in tran", CancellationToken.None);

        // Five deliveries of the poison blob interleaved with the batch of good ones.
        var function = pipeline.Create<ParseArticle>();
        var deliveries = good.Take(15).Concat(Enumerable.Repeat(poison, 5)).Concat(good.Skip(15)).ToList();
        var outcomes = new List<ParseOutcome>();
        foreach (var name in deliveries)
        {
            outcomes.Add(await function.Run(await blobs.ReadAsync(name, CancellationToken.None), name, null, CancellationToken.None));
        }

        Assert.All(outcomes.Where(o => o.BlobName != poison), o => Assert.True(o.Succeeded, o.FailureReason));
        Assert.All(outcomes.Where(o => o.BlobName == poison), o => Assert.False(o.Succeeded));
        var failure = Assert.Single(await pipeline.Get<ParseFailureStore>().ListAsync(CancellationToken.None).ToListAsync());
        Assert.Equal(poison, failure.BlobName);
        Assert.Equal(5, failure.Attempts);
        Assert.Contains("------", failure.Reason, StringComparison.Ordinal);

        // The operator fixes the document (re-exports it whole) and reindexes the source.
        var container = new BlobServiceClient(pipeline.Configuration["ArticleStorage"]).GetBlobContainerClient(pipeline.Storage.ArticlesContainer);
        await container.GetBlobClient(poison).UploadAsync(BinaryData.FromString(ArticleDocumentWriter.Write(
            new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero), "A story cut off in transit", "https://wire.example/cut", "<p>Whole again.</p>")), overwrite: true);
        var reindex = await pipeline.Get<ReindexService>().ReindexAsync("wire", null, null, CancellationToken.None);

        Assert.Equal(31, reindex.Total);
        Assert.Equal(0, reindex.Failed);
        Assert.Empty(await pipeline.Get<ParseFailureStore>().ListAsync(CancellationToken.None).ToListAsync());
        var latest = await pipeline.Get<ArticleIndexStore>().GetAsync(Core.Model.Articles.ArticleId.FromUrl("https://wire.example/cut"), CancellationToken.None);
        Assert.Equal("A story cut off in transit", latest?.Title);
    }
}
