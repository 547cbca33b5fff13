using System.Globalization;

namespace NewsPipeline.Core.Storage.Tables;

/// <summary>The key scheme: partitions by scope and month bucket, row keys by inverted ticks and id.</summary>
public sealed partial class ArticleIndexStore
{
    internal const string BucketsPartition = "buckets";

    internal static string BucketOf(DateTimeOffset published) => published.UtcDateTime.ToString("yyyyMM", CultureInfo.InvariantCulture);

    internal static string TimelineRowKey(DateTimeOffset published, string id) => InvertedTicks(published) + "-" + id;

    internal static string InvertedTicks(DateTimeOffset time) =>
        (DateTime.MaxValue.Ticks - time.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);

    internal static string AllPartition(string bucket) => "all-" + bucket;

    internal static string SourcePartition(string source, string bucket) => SourceScope(source) + "-" + bucket;

    internal static string SourceScope(string source) => "src-" + TableKeys.Escape(source);

    internal static string IdPartition(string id) => "id-" + id[..2];

    // Newest bucket first: RowKey ascending is month descending.
    internal static string BucketRowKey(string scope, string bucket) =>
        scope + "|" + (999999 - int.Parse(bucket, CultureInfo.InvariantCulture)).ToString("D6", CultureInfo.InvariantCulture);
}
