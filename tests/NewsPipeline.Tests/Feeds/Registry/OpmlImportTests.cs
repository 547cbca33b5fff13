using NewsPipeline.Core.Model.Feeds;
using NewsPipeline.Core.Reading.Opml;
using NewsPipeline.Core.Services.Registry;
using NewsPipeline.Core.Storage.Registry;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Feeds.Registry;

/// <summary>OPML in and out of the registry on Azurite: a reader's real-world-shaped export, broken files, a round trip.</summary>
public sealed class OpmlImportTests
{
    [Fact]
    public async Task A_readers_export_is_imported_with_a_report_for_every_entry_and_nothing_half_written()
    {
        await using var pipeline = await TestPipeline.CreateAsync("");
        var administration = pipeline.Get<FeedAdministration>();

        var report = await administration.ImportAsync(ReadFixture("reader-export.opml"), null, CancellationToken.None);

        Assert.Equal(
            [
                (12, OpmlImportOutcome.Added, "harbour-gazette-world"),
                (13, OpmlImportOutcome.Added, "valley-times"),
                (15, OpmlImportOutcome.Added, "ridge-daily"),
                (18, OpmlImportOutcome.Added, "plain-bytes"),
                (20, OpmlImportOutcome.DuplicateInFile, null),
                (21, OpmlImportOutcome.Invalid, null),
                (22, OpmlImportOutcome.Invalid, null),
                (23, OpmlImportOutcome.Invalid, null),
                (25, OpmlImportOutcome.Added, "gangkou.example"),
                (26, OpmlImportOutcome.Added, "valley-times-2"),
            ],
            report.Entries.Select(e => (e.Line, e.Outcome, e.Name)));
        Assert.Equal("the same URL as line 18", report.Entries[4].Reason);
        Assert.Equal("it has no xmlUrl", report.Entries[5].Reason);
        Assert.Contains("'ftp:'", report.Entries[6].Reason, StringComparison.Ordinal);

        var feeds = (await pipeline.Get<FeedRegistryStore>().ListAsync(CancellationToken.None)).ToDictionary(f => f.Name);
        Assert.Equal(6, feeds.Count);
        Assert.Equal("News / World", feeds["harbour-gazette-world"].Category);
        Assert.Equal("Harbour Gazette – World", feeds["harbour-gazette-world"].Title);
        Assert.Equal("https://harbour.example/world/", feeds["harbour-gazette-world"].SiteUrl);
        Assert.Equal("News", feeds["ridge-daily"].Category);
        Assert.Null(feeds["valley-times-2"].Category);
        Assert.Equal("港口新闻", feeds["gangkou.example"].Title);
        // Every imported feed is whole: its row and its due-index row, due now.
        var due = await pipeline.Get<FeedRegistryStore>().DueAsync(DateTimeOffset.UtcNow, 100, CancellationToken.None).ToListAsync();
        Assert.Equal(feeds.Keys.Order(), due.Select(d => d.Name).Order());

        // Imported again: every feed is already there (the file's duplicate line too), nothing is added twice.
        var again = await administration.ImportAsync(ReadFixture("reader-export.opml"), null, CancellationToken.None);
        Assert.Equal(7, again.Count(OpmlImportOutcome.AlreadyInRegistry));
        Assert.Equal(3, again.Count(OpmlImportOutcome.Invalid));
        Assert.Equal(0, again.Count(OpmlImportOutcome.Added));
        Assert.Equal(6, (await pipeline.Get<FeedRegistryStore>().ListAsync(CancellationToken.None)).Count);
    }

    [Theory]
    [InlineData("truncated.opml", "not well-formed OPML")]
    [InlineData("bomb.opml", "DTD")]
    public void A_broken_file_or_an_entity_bomb_is_refused_whole_before_anything_is_written(string file, string expected)
    {
        using var stream = File.OpenRead(RepositoryPaths.Fixture("opml", file));

        var error = Assert.Throws<FormatException>(() => Opml.Read(stream));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        RuntimeTexts.AssertNone(error.Message);
    }

    [Fact]
    public void An_OPML_file_with_a_DTD_is_refused_in_the_projects_words_saying_what_to_do()
    {
        using var stream = File.OpenRead(RepositoryPaths.Fixture("opml", "bomb.opml"));

        var error = Assert.Throws<FormatException>(() => Opml.Read(stream));

        Assert.Equal("The file cannot be imported: it declares a DTD (<!DOCTYPE … [ … ]>), and DTDs are never processed here: one can expand "
            + "entities without bound (an entity bomb) or read local files. An OPML file needs no DTD: remove its <!DOCTYPE …> and import it again.", error.Message);
    }

    [Fact]
    public void A_file_that_is_not_OPML_says_what_it_is()
    {
        using var rss = File.OpenRead(RepositoryPaths.Fixture("feeds", "rss2-basic.xml"));

        Assert.Contains("its root element is <rss>", Assert.Throws<FormatException>(() => Opml.Read(rss)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_then_import_into_another_registry_gives_the_same_feeds()
    {
        await using var first = await TestPipeline.CreateAsync("");
        await first.Get<FeedAdministration>().ImportAsync(ReadFixture("reader-export.opml"), null, CancellationToken.None);
        await first.Get<FeedAdministration>().AddAsync("by-hand", "https://hand.example/feed.xml?key=k1", 30, 120, null, CancellationToken.None);
        var exported = await first.Get<FeedAdministration>().ExportAsync(CancellationToken.None);

        await using var second = await TestPipeline.CreateAsync("");
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(exported));
        var report = await second.Get<FeedAdministration>().ImportAsync(Opml.Read(stream), null, CancellationToken.None);

        Assert.Equal(7, report.Count(OpmlImportOutcome.Added));
        static IEnumerable<(string, string, string?, string?)> Shape(IEnumerable<FeedRecord> feeds) =>
            feeds.Select(f => (f.Url, f.Title ?? f.Name, f.SiteUrl, f.Category)).Order();
        Assert.Equal(Shape(await first.Get<FeedRegistryStore>().ListAsync(CancellationToken.None)), Shape(await second.Get<FeedRegistryStore>().ListAsync(CancellationToken.None)));
    }

    private static IReadOnlyList<OpmlEntry> ReadFixture(string name)
    {
        using var stream = File.OpenRead(RepositoryPaths.Fixture("opml", name));
        return Opml.Read(stream);
    }
}
