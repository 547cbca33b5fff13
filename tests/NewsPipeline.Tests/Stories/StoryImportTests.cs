using NewsPipeline.Core.Model.Articles;
using NewsPipeline.Core.Services.Pipeline;
using NewsPipeline.Core.Storage.Tables;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Stories;

/// <summary>
/// <c>newsfeed import --stories</c>: imported articles get their stories as the parse stage would give them (the same
/// stories <c>newsfeed cluster</c> finds in the folder); without it, a bulk import leaves them for a reindex.
/// </summary>
public sealed class StoryImportTests
{
    [Fact]
    public async Task Import_with_stories_gives_each_article_the_story_the_pipeline_would()
    {
        var folder = RepositoryPaths.Fixture("stories");
        var expected = (await FolderClustering.ClusterAsync([folder], new Core.Reading.Stories.StorySettings(), CancellationToken.None))
            .ToDictionary(f => f.ArticleId!, f => f.Story!);
        await using var pipeline = await TestPipeline.CreateAsync(string.Empty);

        // Three documents a chunk: the order of publication is kept within each chunk, and these files come by name.
        var summary = await pipeline.Get<ImportService>().ImportAsync(ImportService.EnumerateDocuments([folder]), expected.Count, "archive", null, null, null,
            CancellationToken.None, chunkSize: 3, findStories: true);

        Assert.Equal(expected.Count, summary.Imported);
        var index = pipeline.Get<ArticleIndexStore>();
        var stories = new Dictionary<string, string?>();
        foreach (var id in expected.Keys)
        {
            stories[id] = (await index.GetAsync(id, CancellationToken.None))?.Story;
        }

        Assert.All(stories.Values, Assert.NotNull);
        // The same partition of the folder into stories as the cluster command's (ids may differ where chunks reorder).
        Assert.Equal(Partition(expected), Partition(stories!));
        var law = ArticleId.FromUrl("https://dw.example/zh/port-law");
        Assert.Equal(stories[law], stories[ArticleId.FromUrl("https://rfi.example/tw/port-law")]);
        Assert.NotEqual(stories[law], stories[ArticleId.FromUrl("https://voa.example/zh/bordova-response")]);
    }

    [Fact]
    public async Task A_bulk_import_leaves_stories_to_a_reindex()
    {
        await using var pipeline = await TestPipeline.CreateAsync(string.Empty);
        await pipeline.Get<ImportService>().ImportAsync(ImportService.EnumerateDocuments([RepositoryPaths.Fixture("stories")]), 8, "archive", null, null, null,
            CancellationToken.None);
        var row = await pipeline.Get<ArticleIndexStore>().GetAsync(ArticleId.FromUrl("https://dw.example/zh/port-law"), CancellationToken.None);
        Assert.NotNull(row);
        Assert.Null(row.Story);
    }

    private static HashSet<string> Partition(IReadOnlyDictionary<string, string> stories) =>
        stories.GroupBy(s => s.Value).Select(g => string.Join(",", g.Select(p => p.Key).Order(StringComparer.Ordinal))).ToHashSet();
}
