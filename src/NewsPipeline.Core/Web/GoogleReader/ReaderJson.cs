using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using NewsPipeline.Core.Model.Readers;
using NewsPipeline.Core.Services.Readers;

namespace NewsPipeline.Core.Web.GoogleReader;

/// <summary>
/// The JSON shapes of the Google Reader API as apps parse them (Miniflux's and FreshRSS's implementations, NetNewsWire's
/// parser): item ids in the long form, <c>crawlTimeMsec</c> and <c>timestampUsec</c> as strings, <c>published</c> as a
/// number, <c>summary</c> an object, <c>continuation</c> a string.
/// </summary>
internal static class ReaderJson
{
    public const string ContentType = "application/json; charset=utf-8";

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] UserInfo(string account, long userId) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("userId", userId.ToString(CultureInfo.InvariantCulture));
        w.WriteString("userName", account);
        w.WriteString("userProfileId", userId.ToString(CultureInfo.InvariantCulture));
        w.WriteString("userEmail", account);
        w.WriteEndObject();
    });

    public static byte[] Subscriptions(IReadOnlyList<ReaderSubscription> subscriptions) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("subscriptions");
        foreach (var s in subscriptions)
        {
            w.WriteStartObject();
            w.WriteString("id", StreamId.FeedId(s.Feed));
            w.WriteString("title", s.Title);
            w.WriteStartArray("categories");
            foreach (var label in s.Labels)
            {
                w.WriteStartObject();
                w.WriteString("id", StreamId.LabelId(label));
                w.WriteString("label", label);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("url", s.Url);
            w.WriteString("htmlUrl", s.SiteUrl ?? s.Url);
            w.WriteString("iconUrl", string.Empty);
            w.WriteString("firstitemmsec", s.Added.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
            w.WriteString("sortid", s.Feed);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    public static byte[] Tags(IReadOnlyList<string> labels) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("tags");
        w.WriteStartObject();
        w.WriteString("id", StreamId.StarredId);
        w.WriteEndObject();
        foreach (var label in labels)
        {
            w.WriteStartObject();
            w.WriteString("id", StreamId.LabelId(label));
            w.WriteString("label", label);
            w.WriteString("type", "folder");
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    public static byte[] UnreadCounts(IReadOnlyList<UnreadCount> counts) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("max", counts.Select(c => c.Count).DefaultIfEmpty(0).Max());
        w.WriteStartArray("unreadcounts");
        foreach (var c in counts)
        {
            w.WriteStartObject();
            w.WriteString("id", c.StreamId);
            w.WriteNumber("count", c.Count);
            w.WriteString("newestItemTimestampUsec", Usec(c.Newest));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    public static byte[] ItemIds(StreamPage page) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("itemRefs");
        foreach (var item in page.Items)
        {
            w.WriteStartObject();
            w.WriteString("id", ReaderItemId.ShortForm(item.ItemId));
            w.WriteStartArray("directStreamIds");
            w.WriteStringValue(StreamId.FeedId(item.Source));
            w.WriteEndArray();
            w.WriteString("timestampUsec", Usec(item.Published));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        if (page.Continuation is { } continuation)
        {
            w.WriteString("continuation", continuation);
        }

        w.WriteEndObject();
    });

    public static byte[] Items(string streamId, string title, IReadOnlyList<ReaderItem> items, string? continuation, DateTimeOffset now) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("direction", "ltr");
        w.WriteString("id", streamId);
        w.WriteString("title", title);
        w.WriteNumber("updated", now.ToUnixTimeSeconds());
        w.WriteStartArray("items");
        foreach (var item in items)
        {
            WriteItem(w, item);
        }

        w.WriteEndArray();
        if (continuation is not null)
        {
            w.WriteString("continuation", continuation);
        }

        w.WriteEndObject();
    });

    public static byte[] QuickAdd(string query, ReaderSubscription subscription) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("numResults", 1);
        w.WriteString("query", query);
        w.WriteString("streamId", StreamId.FeedId(subscription.Feed));
        w.WriteString("streamName", subscription.Title);
        w.WriteEndObject();
    });

    private static void WriteItem(Utf8JsonWriter w, ReaderItem item)
    {
        var a = item.Article;
        var direction = a.Language.StartsWith("ar", StringComparison.OrdinalIgnoreCase) || a.Language.StartsWith("he", StringComparison.OrdinalIgnoreCase)
            || a.Language.StartsWith("fa", StringComparison.OrdinalIgnoreCase) || a.Language.StartsWith("ur", StringComparison.OrdinalIgnoreCase) ? "rtl" : "ltr";
        w.WriteStartObject();
        w.WriteString("id", ReaderItemId.LongForm(item.Id));
        w.WriteString("crawlTimeMsec", item.Crawled.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        w.WriteString("timestampUsec", Usec(a.Published));
        w.WriteNumber("published", a.Published.ToUnixTimeSeconds());
        w.WriteNumber("updated", a.Published.ToUnixTimeSeconds());
        w.WriteString("title", a.Title);
        w.WriteStartArray("canonical");
        w.WriteStartObject();
        w.WriteString("href", a.Url);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartArray("alternate");
        w.WriteStartObject();
        w.WriteString("href", a.Url);
        w.WriteString("type", "text/html");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartArray("categories");
        foreach (var category in ReaderItems.Categories(item))
        {
            w.WriteStringValue(category);
        }

        w.WriteEndArray();
        w.WriteStartObject("origin");
        w.WriteString("streamId", StreamId.FeedId(a.Source));
        w.WriteString("title", item.Subscription?.Title ?? a.Source);
        w.WriteString("htmlUrl", item.Subscription?.SiteUrl ?? a.Site ?? a.Url);
        w.WriteEndObject();
        w.WriteStartObject("summary");
        w.WriteString("direction", direction);
        w.WriteString("content", item.Html);
        w.WriteEndObject();
        if (a.Author is { Length: > 0 } author)
        {
            w.WriteString("author", author);
        }

        w.WriteEndObject();
    }

    public static string Usec(DateTimeOffset time) => (time.ToUnixTimeMilliseconds() * 1000).ToString(CultureInfo.InvariantCulture);
}
