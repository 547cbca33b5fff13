using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NewsPipeline.Core.Reading.Stories;
using NewsPipeline.Core.Storage;
using NewsPipeline.Core.Storage.Tables;
using NewsPipeline.Testing.Load;
using NewsPipeline.Testing.Storage;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Stories;

/// <summary>
/// The window's document frequencies cost no request per article: a process counts its articles into its own view at
/// once, writes them to the day's row every half-minute or when it stops, and reads the other processes' counts as
/// often; no count is lost between two processes writing the same day.
/// </summary>
public sealed class StoryFrequenciesTests
{
    private static readonly DateOnly Day = new(2020, 6, 30);

    [Fact]
    public async Task Counts_are_seen_at_once_by_their_process_and_by_another_after_a_write()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero));
        var table = "stories" + Guid.NewGuid().ToString("N")[..10];
        var log = new TableRequestLog();
        var connection = await AzuriteServer.ConnectionStringAsync();
        await using var first = Store(connection, table, clock, log);
        await using var second = Store(connection, table, clock, new TableRequestLog());
        ulong name = StoryFeatures.Hash("蓬佩"), common = StoryFeatures.Hash("香港");

        Assert.Equal(0, (await first.ReadFrequenciesAsync(Day.AddDays(-2), Day, CancellationToken.None)).Documents);
        log.Clear();
        for (var i = 0; i < 40; i++)
        {
            await first.AddFrequenciesAsync(Day, i < 3 ? [name, common] : [common], CancellationToken.None);
            var window = await first.ReadFrequenciesAsync(Day.AddDays(-2), Day, CancellationToken.None);
            Assert.Equal(i + 1, window.Documents);
        }

        // Forty articles counted and read back: not one request.
        Assert.Empty(log.Requests);
        var own = await first.ReadFrequenciesAsync(Day.AddDays(-2), Day, CancellationToken.None);
        Assert.Equal((3, 40), (own.Count(name), own.Count(common)));
        Assert.True(own.InverseFrequency(name) > own.InverseFrequency(common));

        // The other process counts two of its own; neither has written yet.
        await second.AddFrequenciesAsync(Day, [name], CancellationToken.None);
        await second.AddFrequenciesAsync(Day, [name], CancellationToken.None);
        Assert.Equal(2, (await second.ReadFrequenciesAsync(Day, Day, CancellationToken.None)).Documents);

        // Half a minute on, the next article writes the first process's counts (a read and a write of the day's row).
        clock.Advance(StoreRefresh);
        await first.AddFrequenciesAsync(Day, [common], CancellationToken.None);
        Assert.Equal(["GET", "POST"], log.Requests.Select(r => r.Method).ToArray());

        // The second writes when it stops; its counts add to the row, they do not replace it.
        await second.DisposeAsync();
        clock.Advance(StoreRefresh);
        await using var third = Store(connection, table, clock, new TableRequestLog());
        var all = await third.ReadFrequenciesAsync(Day.AddDays(-2), Day, CancellationToken.None);
        Assert.Equal(43, all.Documents);
        Assert.Equal(5, all.Count(name));
        Assert.Equal(41, all.Count(common));
        await (await third.CreatedTableAsync(CancellationToken.None)).DeleteAsync();
    }

    [Fact]
    public void A_day_of_counts_survives_its_row_and_an_old_row_reads_as_empty()
    {
        var counts = new FrequencySketch();
        counts.Add([StoryFeatures.Hash("全票"), StoryFeatures.Hash("通过")]);
        counts.Add([StoryFeatures.Hash("通过")]);
        var row = StoryIndexStore.FrequencyRow(Day, counts);
        Assert.InRange(row.GetBinary("Sketch")!.Length, 1, 64 * 1024);
        Assert.InRange(row.GetBinary("Sketch2")!.Length, 1, 64 * 1024);
        var back = FrequencySketch.FromBytes([.. row.GetBinary("Sketch")!, .. row.GetBinary("Sketch2")!]);
        Assert.Equal((2, 1, 2), (back.Documents, back.Count(StoryFeatures.Hash("全票")), back.Count(StoryFeatures.Hash("通过"))));
        // A row of the earlier, narrower sketch is not misread as counts: the window starts again from none.
        Assert.Equal(0, FrequencySketch.FromBytes(new byte[4 + (4096 * 2 * 2)]).Documents);
    }

    private static TimeSpan StoreRefresh => StoryIndexStore.FrequencyRefresh;

    private static StoryIndexStore Store(string connection, string table, TimeProvider clock, TableRequestLog log) =>
        new(RecordedStorage.Clients(connection, log), Options.Create(new StorageOptions { StoriesTable = table }), clock);
}
