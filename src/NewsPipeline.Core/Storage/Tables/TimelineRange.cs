namespace NewsPipeline.Core.Storage.Tables;

/// <summary>
/// A <see cref="TimelineQuery"/> as RowKey bounds and a bucket window. RowKeys are <c>{inverted ticks:D19}-{id}</c>,
/// so "newer than" is "RowKey less than"; '.' sorts just after '-', which makes <c>{ticks}.</c> a bound that sits
/// after every id of that instant.
/// </summary>
internal readonly record struct TimelineRange(string After, string Before, string NewestBucket, string OldestBucket)
{
    // Below and above every RowKey (digits): the default bounds keep every filter the same shape, a RowKey range.
    private const string Lowest = "";
    private const string Highest = "~";

    public static TimelineRange For(TimelineQuery query)
    {
        var after = Lowest;
        var newest = "999999";
        if (query.Until is { } until)
        {
            // Published < until  ⇔  inverted ticks > inverted(until)  ⇔  RowKey > "{inverted(until)}.".
            after = ArticleIndexStore.InvertedTicks(until) + ".";
            newest = ArticleIndexStore.BucketOf(until.AddTicks(-1));
        }

        if (query.After is { } cursor)
        {
            if (string.CompareOrdinal(cursor.RowKey, after) > 0)
            {
                after = cursor.RowKey;
            }

            if (string.CompareOrdinal(cursor.Bucket, newest) < 0)
            {
                newest = cursor.Bucket;
            }
        }

        var before = Highest;
        var oldest = "000000";
        if (query.Since is { } since)
        {
            // Published >= since  ⇔  inverted ticks <= inverted(since)  ⇔  RowKey < "{inverted(since)}.".
            before = ArticleIndexStore.InvertedTicks(since) + ".";
            oldest = ArticleIndexStore.BucketOf(since);
        }

        return new TimelineRange(after, before, newest, oldest);
    }
}
