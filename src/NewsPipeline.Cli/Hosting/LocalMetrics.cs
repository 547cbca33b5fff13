using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using NewsPipeline.Core.Services.Telemetry;

namespace NewsPipeline.Cli.Hosting;

/// <summary>One instrument's figures since <c>newsfeed run</c> started.</summary>
/// <param name="Total">A counter's sum, or a histogram's number of measurements.</param>
internal sealed record MetricFigures(string Name, string? Unit, string Kind, double Total, double? Mean, double? P50, double? P95, double? Max);

/// <summary>
/// The pipeline's own metrics (<see cref="PipelineMetrics"/>, the ones the Functions app exports to Application
/// Insights) for a local user: <c>newsfeed run</c> listens to them and serves them at <c>GET /api/metrics</c>, and
/// <c>newsfeed stats</c> prints them. Histograms keep their last 10,000 values for the percentiles.
/// </summary>
internal sealed class LocalMetrics : IDisposable
{
    private const int KeptValues = 10_000;
    private readonly MeterListener listener = new();
    private readonly ConcurrentDictionary<string, Series> series = new(StringComparer.Ordinal);

    public LocalMetrics(PipelineMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        Started = DateTimeOffset.UtcNow;
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, metrics.Meter))
            {
                series[instrument.Name] = new Series(instrument.Unit, instrument is Histogram<double> ? "histogram" : "counter");
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => series[instrument.Name].Add(value));
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => series[instrument.Name].Add(value));
        listener.Start();
    }

    public DateTimeOffset Started { get; }

    public IReadOnlyList<MetricFigures> Snapshot() => series.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => s.Value.Figures(s.Key)).ToList();

    public void Dispose() => listener.Dispose();

    private sealed class Series(string? unit, string kind)
    {
        private readonly Lock gate = new();
        private readonly Queue<double> kept = new();
        private double total;
        private long count;

        public void Add(double value)
        {
            lock (gate)
            {
                count++;
                if (kind == "counter")
                {
                    total += value;
                    return;
                }

                kept.Enqueue(value);
                if (kept.Count > KeptValues)
                {
                    kept.Dequeue();
                }
            }
        }

        public MetricFigures Figures(string name)
        {
            lock (gate)
            {
                if (kind == "counter" || kept.Count == 0)
                {
                    return new MetricFigures(name, unit, kind, kind == "counter" ? total : count, null, null, null, null);
                }

                var sorted = kept.Order().ToArray();
                return new MetricFigures(name, unit, kind, count, sorted.Average(), Percentile(sorted, 0.50), Percentile(sorted, 0.95), sorted[^1]);
            }
        }

        private static double Percentile(double[] sorted, double share) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(share * sorted.Length) - 1)];
    }
}
