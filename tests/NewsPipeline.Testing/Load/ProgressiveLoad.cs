using NewsPipeline.Cli.Hosting;
using NewsPipeline.Core.Model;
using NewsPipeline.Core.Model.Articles;
using NewsPipeline.Core.Storage.Tables;
using NewsPipeline.Testing.Storage;

namespace NewsPipeline.Testing.Load;

/// <summary>
/// Fills a bench table in about ten steps with a progress line on stderr: seeding 100,000 articles takes minutes on
/// Azurite, and a silent terminal for that long looks like a hang.
/// </summary>
internal static class ProgressiveLoad
{
    public static async Task LoadAsync(ArticleIndexStore index, IReadOnlyList<ArticleMetadata> articles, string verb, CancellationToken cancellationToken)
    {
        // Steps of whole runs of consecutive (time-ordered) articles, so a step fills whole partitions and the table
        // batches stay as full as in one call; at least 100 a step, so a small bench is not made of tiny batches.
        var step = Math.Max(100, (articles.Count + 9) / 10);
        var progress = new ProgressLine(verb);
        progress.Report(new BatchProgress(0, articles.Count, 0, string.Empty));
        for (var done = 0; done < articles.Count; done += step)
        {
            var count = Math.Min(step, articles.Count - done);
            await index.BulkLoadAsync(articles.Skip(done).Take(count), parallelism: 4, cancellationToken).ConfigureAwait(false);
            progress.Report(new BatchProgress(done + count, articles.Count, 0, string.Empty));
        }

        progress.Finish();
    }
}
