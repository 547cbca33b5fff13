using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;

namespace NewsPipeline.Benchmarks.Feeds;

/// <summary>
/// Throughput and allocations of the three candidate readers on the same feeds: a 200-item RSS 2.0 feed with
/// content:encoded and a 200-item Atom feed, the two shapes most news feeds have (items/s = 200 / Mean); the corpus;
/// and four feeds shaped like real news sites' (Feeds/NewsFeeds: a WordPress site with content:encoded, dc:creator,
/// categories and media:content; a national site with several media:content sizes, several dc:creator and escaped
/// HTML; an Atom newsroom feed with xhtml content, xml:lang, xml:base and image enclosures; a long-read feed whose
/// items are whole articles of tens of KB).
/// </summary>
[MemoryDiagnoser]
public class FeedParsingBenchmarks
{
    private readonly Uri feedUri = new("https://feeds.example/bench");
    private (byte[] Bytes, Uri Uri)[] feeds = [];

    /// <summary>
    /// rss2-200 and atom-200: one synthetic feed each; corpus: the 37 real-world-shaped corpus feeds, read one after the
    /// other; news: the four news-shaped feeds (138 items, 1.3 MB), read one after the other.
    /// </summary>
    [Params("rss2-200", "atom-200", "corpus", "news")]
    public string Feed { get; set; } = "rss2-200";

    [GlobalSetup]
    public void Setup() => feeds = Feed switch
    {
        "rss2-200" => [(Rss(200), feedUri)],
        "atom-200" => [(Atom(200), feedUri)],
        "news" => News(),
        _ => Corpus(),
    };

    [Benchmark(Baseline = true)]
    public int NewsPipeline() => ReadAll(FeedReaderCandidates.ReadWithNewsPipeline);

    [Benchmark]
    public int Syndication() => ReadAll(FeedReaderCandidates.ReadWithSyndication);

    [Benchmark]
    public int CodeHollow() => ReadAll(FeedReaderCandidates.ReadWithCodeHollow);

    /// <summary>The corpus feeds with the address each is served from.</summary>
    internal static (byte[] Bytes, Uri Uri)[] Corpus() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "corpus"))
            .Where(f => !f.EndsWith(".expected.json", StringComparison.Ordinal)).Order(StringComparer.Ordinal)
            .Select(f => (File.ReadAllBytes(f), new Uri("https://feeds.example/corpus/" + Path.GetFileName(f)))).ToArray();

    /// <summary>The news-shaped feeds (bench/NewsPipeline.Benchmarks/Feeds/NewsFeeds) with the address each is served from.</summary>
    internal static (byte[] Bytes, Uri Uri)[] News() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "news-feeds")).Order(StringComparer.Ordinal)
            .Select(f => (File.ReadAllBytes(f), new Uri("https://feeds.example/news/" + Path.GetFileName(f)))).ToArray();

    // A reader that refuses a feed (the others do on some corpus feeds) still pays for trying, as in a fetcher.
    private int ReadAll(Func<byte[], Uri, IReadOnlyList<ReadItem>> read)
    {
        var items = 0;
        foreach (var (bytes, uri) in feeds)
        {
            try
            {
                items += read(bytes, uri).Count;
            }
            catch (Exception e) when (e is System.Xml.XmlException or FormatException or InvalidOperationException or ArgumentException or NullReferenceException)
            {
            }
        }

        return items;
    }

    internal static byte[] Rss(int items)
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>Bench</title><link>https://bench.example/</link>");
        for (var i = 0; i < items; i++)
        {
            xml.Append(CultureInfo.InvariantCulture, $"<item><title>Story number {i} about the harbour</title><link>https://bench.example/story/{i}</link><guid>https://bench.example/story/{i}</guid><pubDate>{new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(i * 7):R}</pubDate><description>Teaser {i}.</description><content:encoded><![CDATA[{Body(i)}]]></content:encoded></item>");
        }

        return Encoding.UTF8.GetBytes(xml.Append("</channel></rss>").ToString());
    }

    internal static byte[] Atom(int items)
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Bench</title><id>urn:bench</id><updated>2026-11-01T00:00:00Z</updated>");
        for (var i = 0; i < items; i++)
        {
            xml.Append(CultureInfo.InvariantCulture, $"<entry><title>Story number {i} about the harbour</title><id>urn:bench:{i}</id><link href=\"https://bench.example/story/{i}\"/><published>{new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(i * 7):yyyy-MM-ddTHH:mm:ssZ}</published><updated>{new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(i * 7):yyyy-MM-ddTHH:mm:ssZ}</updated><content type=\"html\">{System.Security.SecurityElement.Escape(Body(i))}</content></entry>");
        }

        return Encoding.UTF8.GetBytes(xml.Append("</feed>").ToString());
    }

    private static string Body(int i) =>
        string.Concat(Enumerable.Range(0, 6).Select(p => $"<p>Paragraph {p} of story {i}: the ferry left the north pier at dawn, and the harbour master said the new timetable would hold through the winter season.</p>"));
}
