using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using NewsPipeline.Core.Model.Articles;
using NewsPipeline.Core.Reading.Articles.Parsing;
using NewsPipeline.Core.Reading.Stories;
using NewsPipeline.Core.Services.Stories;
using NewsPipeline.Core.Storage;
using NewsPipeline.Core.Storage.Tables;
using NewsPipeline.Testing.Load;
using NewsPipeline.Testing.Storage;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Stories;

/// <summary>
/// Finding an article's story costs a bounded number of Table requests, each a point read, a point write or a
/// single-partition range query, and the same whether the window holds a few articles or thousands.
/// </summary>
public sealed partial class StoryRequestsTests
{
    [Fact]
    public async Task An_article_costs_at_most_20_requests_and_no_more_in_a_full_window_and_frequencies_cost_none_per_article()
    {
        var empty = await CostsAsync(seed: 0);
        var full = await CostsAsync(seed: 3_000);

        Assert.All(empty.Concat(full).SelectMany(c => c), r =>
        {
            if (r.Method == "GET" && r.Filter is not null)
            {
                Assert.Matches(PartitionRange(), r.Filter);
            }
        });
        // The window's frequencies are read and written per process every half-minute, not per article (at most once a
        // day of the window here, where articles cross days); the article's own requests stay within 20.
        Assert.All(empty.Concat(full), c => Assert.InRange(c.Count(r => !IsFrequencies(r)), 1, 20));
        Assert.All(new[] { empty, full }, run => Assert.InRange(run.Sum(c => c.Count(IsFrequencies)), 1, 6));
        // The requests an article sends do not grow with the window: the same number, article by article.
        Assert.Equal(empty.Select(c => c.Count(r => r.Filter is not null)), full.Select(c => c.Count(r => r.Filter is not null)));
    }

    private static async Task<List<IReadOnlyList<TableRequest>>> CostsAsync(int seed)
    {
        var parser = new ArticleMetadataParser(TimeProvider.System);
        var articles = Directory.GetFiles(RepositoryPaths.Fixture("stories"), "*.md").Order(StringComparer.Ordinal)
            .Select(f => parser.Parse(File.ReadAllText(f))).OrderBy(a => a.Published).ToList();
        var log = new TableRequestLog();
        var store = new StoryIndexStore(RecordedStorage.Clients(await AzuriteServer.ConnectionStringAsync(), log),
            Options.Create(new StorageOptions { StoriesTable = "stories" + Guid.NewGuid().ToString("N")[..10] }),
            // A clock that stands still: the half-minute write of the frequencies would otherwise land on whichever article
            // a slow machine reaches then (StoryFrequenciesTests holds when and how they are written).
            new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow));
        var settings = new StorySettings();
        await StoriesAtScale.SeedAsync(store, articles, seed, settings, CancellationToken.None);
        var clusterer = new StoryClusterer(store, settings);
        var costs = new List<IReadOnlyList<TableRequest>>();
        try
        {
            foreach (var article in articles)
            {
                log.Clear();
                await clusterer.AssignAsync(StoryInput.From(article, DateTimeOffset.UtcNow, settings.LeadChars), CancellationToken.None);
                // The table's creation is once per instance, not per article.
                costs.Add(log.Requests.Where(r => !r.Path.EndsWith("/Tables", StringComparison.Ordinal)).ToList());
            }
        }
        finally
        {
            await (await store.CreatedTableAsync(CancellationToken.None)).DeleteAsync();
        }

        return costs;
    }

    private static bool IsFrequencies(TableRequest request) =>
        request.Filter?.StartsWith("PartitionKey eq 'df'", StringComparison.Ordinal) == true || request.Path.Contains("PartitionKey='df'", StringComparison.Ordinal);

    [GeneratedRegex(@"^PartitionKey eq '(?<pk>[^']+)' and RowKey (ge|gt) '[^']*' and RowKey (le|lt) '[^']*'$")]
    private static partial Regex PartitionRange();
}
