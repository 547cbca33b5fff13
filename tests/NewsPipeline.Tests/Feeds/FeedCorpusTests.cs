using System.Globalization;
using System.Text.Json;
using NewsPipeline.Core.Model.Feeds;
using NewsPipeline.Core.Reading.Feeds;
using NewsPipeline.Core.Services.Pipeline;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Feeds;

/// <summary>
/// A catalogue of real-world feed shapes and traps (Fixtures/feeds/corpus): each feed beside its expected items
/// (title, link, date — null where the feed's date is missing or unreadable and the fetch time stands in).
/// </summary>
public sealed class FeedCorpusTests
{
    public static TheoryData<string> Corpus()
    {
        var data = new TheoryData<string>();
        foreach (var expected in Directory.GetFiles(RepositoryPaths.Fixture("feeds", "corpus"), "*.expected.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(expected)[..^".expected.json".Length]);
        }

        return data;
    }

    [Fact]
    public void The_corpus_covers_at_least_thirty_feeds()
    {
        Assert.True(Corpus().Count >= 30, $"only {Corpus().Count} corpus feeds");
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Every_corpus_feed_reads_to_its_expected_items(string name)
    {
        var (bytes, feedUri, expected) = CorpusFeed.Load(name);
        var fetchedAt = new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

        var feed = FeedReader.Read(bytes, feedUri, expected.HttpCharset);
        // The corpus is about reading dates: none is refused for being ahead of this fixed fetch time.
        var drafts = FeedItemDocuments.From(new FeedSource("corpus", feedUri.AbsoluteUri), feed, feedUri, fetchedAt, TimeSpan.FromDays(3650));

        Assert.Equal(expected.Items.Select(i => i.Title), feed.Items.Select(i => i.Title));
        Assert.Equal(expected.Items.Select(i => i.Link), feed.Items.Select(i => i.Link ?? (i.EntryIdIsPermaLink ? i.EntryId : null)));
        Assert.Equal(expected.Items.Select(i => i.Published), feed.Items.Select(i => i.Published));
        // Every item becomes an article: unreadable dates fall back to the fetch time and say so; ids are distinct.
        Assert.Equal(expected.Items.Count, drafts.Count);
        Assert.Equal(expected.Items.Select(i => i.Published ?? fetchedAt), drafts.Select(d => d.Published));
        Assert.Equal(expected.Items.Select(i => i.Published is not null), drafts.Select(d => d.DateWasRead));
        Assert.Equal(drafts.Count, drafts.Select(d => d.Id).Distinct().Count());
        // An undated item is filed under a name that does not change with the fetch day.
        Assert.All(drafts, d => Assert.Equal(!d.DateWasRead, d.BlobName.StartsWith("corpus/undated/", StringComparison.Ordinal)));
    }

    internal sealed record ExpectedItem(string Title, string? Link, DateTimeOffset? Published);

    internal sealed record ExpectedFeed(IReadOnlyList<ExpectedItem> Items, string? HttpCharset);

    internal static class CorpusFeed
    {
        public static (byte[] Bytes, Uri FeedUri, ExpectedFeed Expected) Load(string name)
        {
            var folder = RepositoryPaths.Fixture("feeds", "corpus");
            var file = Directory.GetFiles(folder, name + ".*").Single(f => !f.EndsWith(".expected.json", StringComparison.Ordinal));
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, name + ".expected.json")));
            var items = json.RootElement.GetProperty("items").EnumerateArray().Select(i => new ExpectedItem(
                i.GetProperty("title").GetString()!,
                i.GetProperty("link").GetString(),
                i.GetProperty("published").GetString() is { } date ? DateTimeOffset.Parse(date, CultureInfo.InvariantCulture) : null)).ToList();
            var charset = json.RootElement.TryGetProperty("httpCharset", out var c) ? c.GetString() : null;
            return (File.ReadAllBytes(file), new Uri("https://feeds.example/corpus/" + Path.GetFileName(file)), new ExpectedFeed(items, charset));
        }
    }
}
