using System.Diagnostics.Metrics;
using NewsPipeline.Core.Services.Pipeline;
using NewsPipeline.Core.Services.Telemetry;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Telemetry;

/// <summary>The pipeline's metrics, read with a MeterListener while a real fetch (Kestrel feed) and parse (Azurite) run.</summary>
public sealed class PipelineMetricsTests : IAsyncLifetime
{
    private FeedServer server = null!;

    public async Task InitializeAsync() => server = await FeedServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task A_fetch_then_a_refetch_and_a_parse_record_what_they_did_with_the_item_dates_lag()
    {
        var url = server.ServeFixture("rss2-basic.xml", "metrics.xml");
        await using var pipeline = await TestPipeline.CreateAsync($"metrics={url};broken=http://127.0.0.1:1/none.xml");
        using var recorded = new Recorded(pipeline.Get<PipelineMetrics>());
        var fetch = pipeline.Get<FetchService>();
        var parse = pipeline.Get<ParseService>();

        var before = DateTimeOffset.UtcNow;
        var first = await fetch.RunAsync(null, CancellationToken.None);
        var after = DateTimeOffset.UtcNow;
        await fetch.RunAsync(null, CancellationToken.None); // 304 for metrics, failed again for broken
        foreach (var blob in first.WrittenBlobs)
        {
            await parse.ParseBlobAsync(blob, CancellationToken.None);
        }

        await parse.ParseAsync("metrics/2026/11/23/not-an-article.md", "no comment, no title, nothing", CancellationToken.None);

        Assert.Equal(3, recorded.Sum("newspipeline.articles.written", "metrics"));
        Assert.Equal(1, recorded.Sum("newspipeline.feeds.fetched", "metrics"));
        Assert.Equal(1, recorded.Sum("newspipeline.feeds.unchanged", "metrics"));
        Assert.Equal(0, recorded.Sum("newspipeline.feeds.failed", "metrics"));
        Assert.Equal(2, recorded.Sum("newspipeline.feeds.failed", "broken"));
        Assert.Equal(3, recorded.Sum("newspipeline.articles.parsed", null));
        Assert.Equal(1, recorded.Sum("newspipeline.articles.parse_failures", null));
        // One duration per feed per pass: 2 feeds x 2 passes.
        Assert.Equal(4, recorded.Values("newspipeline.feeds.fetch.duration").Count);

        // Each item's lag is its pubDate to the moment its blob was written, within this first pass.
        DateTimeOffset[] published =
        [
            new(2026, 11, 23, 7, 0, 0, TimeSpan.Zero),
            new(2026, 11, 22, 17, 30, 0, TimeSpan.Zero),
            new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero),
        ];
        var lags = recorded.Values("newspipeline.ingest.fetch_lag").Order().ToList();
        Assert.Equal(3, lags.Count);
        foreach (var (lag, date) in lags.Zip(published.OrderDescending()))
        {
            Assert.InRange(lag, (before - date).TotalSeconds - 1, (after - date).TotalSeconds + 1);
        }
    }

    [Fact]
    public async Task The_index_lag_runs_from_the_blob_write_to_the_row_and_the_whole_lag_from_the_item_date_and_a_reindex_measures_neither()
    {
        var url = server.ServeFixture("rss2-basic.xml", "lag.xml");
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
        await using var pipeline = await TestPipeline.CreateAsync("lag=" + url,
            configure: services => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<TimeProvider>(services, clock));
        using var recorded = new Recorded(pipeline.Get<PipelineMetrics>());

        var written = await pipeline.Get<FetchService>().RunAsync(null, CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(5));
        foreach (var blob in written.WrittenBlobs)
        {
            await pipeline.Get<ParseService>().ParseBlobAsync(blob, CancellationToken.None);
        }

        await pipeline.Get<ReindexService>().ReindexAsync(source: null, since: null, progress: null, CancellationToken.None);

        // Written at 08:00, queryable at 08:05; the items are dated 07:00 on the 23rd, 17:30 on the 22nd, 09:00 on the 21st.
        Assert.Equal([300.0, 300.0, 300.0], recorded.Values("newspipeline.ingest.index_lag"));
        Assert.Equal([3900.0, 52_500.0, 169_500.0], recorded.Values("newspipeline.ingest.lag").Order());
        Assert.Equal(6, recorded.Sum("newspipeline.articles.parsed", null));
    }

    /// <summary>Every measurement of one PipelineMetrics instance (other tests' instances are ignored).</summary>
    private sealed class Recorded : IDisposable
    {
        private readonly MeterListener listener = new();
        private readonly List<(string Name, double Value, string? Feed)> measurements = [];

        public Recorded(PipelineMetrics metrics)
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter, metrics.Meter))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
            listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
            listener.Start();
        }

        public double Sum(string name, string? feed)
        {
            lock (measurements)
            {
                return measurements.Where(m => m.Name == name && (feed is null || m.Feed == feed)).Sum(m => m.Value);
            }
        }

        public List<double> Values(string name)
        {
            lock (measurements)
            {
                return measurements.Where(m => m.Name == name).Select(m => m.Value).ToList();
            }
        }

        public void Dispose() => listener.Dispose();

        private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            string? feed = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "feed")
                {
                    feed = tag.Value as string;
                }
            }

            lock (measurements)
            {
                measurements.Add((instrument.Name, value, feed));
            }
        }
    }
}
