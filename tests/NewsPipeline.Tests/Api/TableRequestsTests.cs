using System.Text.RegularExpressions;
using NewsPipeline.Testing.Articles;
using NewsPipeline.Testing.Storage;

namespace NewsPipeline.Tests.Api;

/// <summary>
/// The table design judged by what it sends, not by Azurite's latency (Azurite scans the whole table on every
/// query): every request the Table client makes while serving pages is recorded by a pipeline policy.
/// </summary>
public sealed partial class TableRequestsTests
{
    private static readonly string[] Queries =
    [
        "/api/items?limit=20",
        "/api/items?limit=20&source=basin",
        "/api/items?limit=20&source=basin,valley",
        "/api/items?limit=100&lang=en",
    ];

    [Fact]
    public async Task A_page_costs_the_same_single_partition_range_requests_at_1000_and_10000_articles() =>
        await PageCostsAsync(10_000);

    [Fact]
    [Trait("Category", "Scale")]
    public async Task A_page_costs_the_same_single_partition_range_requests_at_1000_and_100000_articles() =>
        await PageCostsAsync(100_000);

    private static async Task PageCostsAsync(int larger)
    {
        var costs = new Dictionary<int, List<int>>();
        foreach (var size in new[] { 1_000, larger })
        {
            await using var api = await ApiFixture.StartAsync();
            await api.Index.BulkLoadAsync(SyntheticArticles.Generate(size), parallelism: 4, CancellationToken.None);
            costs[size] = [];
            foreach (var first in Queries)
            {
                var limit = int.Parse(Regex.Match(first, @"limit=(\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                string? url = first;
                for (var page = 0; page < 3 && url is not null; page++)
                {
                    api.Log.Clear();
                    var body = await api.JsonAsync(url);
                    Assert.Equal(limit, body.GetProperty("items").GetArrayLength());
                    var requests = api.Log.Requests;
                    Assert.All(requests, r =>
                    {
                        Assert.Equal("GET", r.Method);
                        Assert.NotNull(r.Filter);
                        Assert.Matches(PartitionRange(), r.Filter);
                        Assert.NotNull(r.Top);
                        Assert.InRange(r.Top.Value, 1, limit + 1);
                    });
                    costs[size].Add(requests.Count);
                    url = body.GetProperty("next").GetString() is { } next ? new Uri(next).PathAndQuery : null;
                }
            }

            // The shared in-memory Azurite keeps every table: give the memory back for the other tests.
            await api.Api.DeleteTableAsync(CancellationToken.None);
        }

        // One source: the bucket registry + one partition; two sources: that, twice.
        Assert.Equal([2, 2, 2, 2, 2, 2, 4, 4, 4, 2, 2, 2], costs[1_000]);
        Assert.Equal(costs[1_000], costs[larger]);
    }

    [Fact]
    public async Task A_page_that_spans_buckets_queries_only_the_non_empty_ones_and_stitches_them_in_order()
    {
        await using var api = await ApiFixture.StartAsync();
        var september = new DateTimeOffset(2026, 9, 20, 0, 0, 0, TimeSpan.Zero);
        var november = new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);
        var ids = new List<(DateTimeOffset, string)>();
        for (var i = 0; i < 6; i++)
        {
            foreach (var at in new[] { september.AddHours(i), november.AddHours(i) })
            {
                var article = await api.AddAsync(ApiFixture.Article("basin", at));
                ids.Add((at, article.Id));
            }
        }

        api.Log.Clear();
        var page = await api.JsonAsync("/api/items?limit=10");

        Assert.Equal(ids.OrderByDescending(x => x.Item1).Take(10).Select(x => x.Item2),
            page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        var partitions = api.Log.Requests.Select(r => PartitionRange().Match(r.Filter!).Groups["pk"].Value).ToList();
        // The registry, then November, then September: October is empty and never read.
        Assert.Equal(["buckets", "all-202611", "all-202609"], partitions);
    }

    [Fact]
    public async Task Writes_are_idempotent_and_the_bucket_registry_is_written_once_per_month_not_with_every_article()
    {
        await using var api = await ApiFixture.StartAsync();
        var first = ApiFixture.Article("basin", new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero));
        await api.AddAsync(first);
        api.Log.Clear();

        await api.AddAsync(ApiFixture.Article("basin", new DateTimeOffset(2026, 11, 3, 0, 0, 0, TimeSpan.Zero)));
        await api.AddAsync(first);

        Assert.DoesNotContain(api.Log.Requests, r => r.Path.Contains("PartitionKey='buckets'", StringComparison.Ordinal));
        var page = await api.JsonAsync("/api/items");
        Assert.Equal(2, page.GetProperty("items").GetArrayLength());
        Assert.Equal(1, (await api.JsonAsync("/api/items?source=basin&until=2026-11-03")).GetProperty("items").GetArrayLength());
    }

    // PartitionKey equality and a RowKey range, nothing else but an optional property filter within it.
    [GeneratedRegex(@"^PartitionKey eq '(?<pk>(?:[^']|'')*)' and RowKey (gt|ge) '(?:[^']|'')*' and RowKey (lt|le) '(?:[^']|'')*'( and Language eq '(?:[^']|'')*')?$")]
    private static partial Regex PartitionRange();
}
