using System.Buffers.Binary;
using System.Globalization;
using Azure.Data.Tables;
using NewsPipeline.Core.Model.Feeds;

namespace NewsPipeline.Core.Storage.Registry;

/// <summary>
/// A feed's row in the <c>feeds</c> table: each column named after the <see cref="FeedRecord"/> property it holds (one
/// spelling, checked by the compiler), and every value bounded so that no feed, however large or hostile, can make the
/// row outgrow Table Storage's limits (64 KiB a property, 1 MiB an entity, 255 properties): a row that cannot be saved
/// would stop the feed, and with it every other feed of its host's message.
/// </summary>
internal static class FeedRow
{
    /// <summary>Characters kept of a free-text column (a feed's title, an error): far below a property's 32,768.</summary>
    public const int MaxTextLength = 4000;

    /// <summary>Characters kept of a URL column: longer ones are refused when a feed is added.</summary>
    public const int MaxUrlLength = 8000;

    /// <summary>Recent item ids kept per binary column: 8 bytes each, 64 KiB a column.</summary>
    public const int IdsPerColumn = 64 * 1024 / sizeof(ulong);

    /// <summary>Binary columns of recent ids: 32,768 ids in 256 KiB, enough for a 20,000-item feed, a quarter of the entity.</summary>
    public const int RecentIdColumns = 4;

    /// <summary>The most recent item ids a row keeps; a feed's items beyond it cost a conditional create each, nothing more.</summary>
    public const int MaxRecentIds = IdsPerColumn * RecentIdColumns;

    // Rows written before the ids were binary kept them as one space-separated string.
    private const string LegacyRecentIds = nameof(FeedRecord.RecentItemIds);
    private const string RecentIdsColumn = "RecentIds";

    public static TableEntity ToEntity(FeedRecord f, string partition, string rowKey)
    {
        var entity = new TableEntity(partition, rowKey)
        {
            [nameof(FeedRecord.Name)] = f.Name,
            [nameof(FeedRecord.Url)] = Bounded(f.Url, MaxUrlLength),
            [nameof(FeedRecord.Enabled)] = f.Enabled,
            [nameof(FeedRecord.DisabledReason)] = Bounded(f.DisabledReason, MaxTextLength),
            [nameof(FeedRecord.Origin)] = f.Origin,
            [nameof(FeedRecord.Title)] = Bounded(f.Title, MaxTextLength),
            [nameof(FeedRecord.SiteUrl)] = Bounded(f.SiteUrl, MaxUrlLength),
            [nameof(FeedRecord.Category)] = Bounded(f.Category, MaxTextLength),
            [nameof(FeedRecord.TimeoutSeconds)] = f.TimeoutSeconds,
            [nameof(FeedRecord.MaxFeedBytes)] = f.MaxFeedBytes,
            [nameof(FeedRecord.MinIntervalMinutes)] = f.MinIntervalMinutes,
            [nameof(FeedRecord.MaxIntervalMinutes)] = f.MaxIntervalMinutes,
            // Ticks, exactly: the due row's key is made of them, and a DateTime column might round them.
            [NextCheckTicks] = f.NextCheckAt.UtcTicks,
            [nameof(FeedRecord.IntervalMinutes)] = f.IntervalMinutes,
            [nameof(FeedRecord.ClaimId)] = f.ClaimId,
            [nameof(FeedRecord.ClaimedAt)] = f.ClaimedAt,
            [nameof(FeedRecord.LastAttempt)] = f.LastAttempt,
            [nameof(FeedRecord.LastSuccess)] = f.LastSuccess,
            [nameof(FeedRecord.HttpStatus)] = f.HttpStatus,
            [nameof(FeedRecord.ETag)] = Bounded(f.ETag, MaxTextLength),
            [nameof(FeedRecord.LastModified)] = Bounded(f.LastModified, MaxTextLength),
            [nameof(FeedRecord.ConsecutiveFailures)] = f.ConsecutiveFailures,
            [nameof(FeedRecord.LastError)] = Bounded(f.LastError, MaxTextLength),
            [nameof(FeedRecord.ItemsSeen)] = f.ItemsSeen,
            [nameof(FeedRecord.ItemsNew)] = f.ItemsNew,
            [nameof(FeedRecord.LastNewItemAt)] = f.LastNewItemAt,
            [nameof(FeedRecord.NextAttemptAfter)] = f.NextAttemptAfter,
        };
        var columns = RecentIdsToColumns(f.RecentItemIds);
        for (var i = 0; i < RecentIdColumns; i++)
        {
            // Every column is written, empty ones as null, so a replace leaves no stale ids of a longer list behind.
            entity[RecentIdsColumn + i.ToString(CultureInfo.InvariantCulture)] = i < columns.Count ? columns[i] : null;
        }

        return entity;
    }

    public static FeedRecord FromEntity(TableEntity e) => new()
    {
        Name = e.GetString(nameof(FeedRecord.Name)),
        Url = e.GetString(nameof(FeedRecord.Url)) ?? string.Empty,
        Enabled = e.GetBoolean(nameof(FeedRecord.Enabled)) ?? true,
        DisabledReason = e.GetString(nameof(FeedRecord.DisabledReason)),
        Origin = e.GetString(nameof(FeedRecord.Origin)) ?? FeedOrigins.Manual,
        Title = e.GetString(nameof(FeedRecord.Title)),
        SiteUrl = e.GetString(nameof(FeedRecord.SiteUrl)),
        Category = e.GetString(nameof(FeedRecord.Category)),
        TimeoutSeconds = e.GetInt32(nameof(FeedRecord.TimeoutSeconds)),
        MaxFeedBytes = e.GetInt32(nameof(FeedRecord.MaxFeedBytes)),
        MinIntervalMinutes = e.GetInt32(nameof(FeedRecord.MinIntervalMinutes)),
        MaxIntervalMinutes = e.GetInt32(nameof(FeedRecord.MaxIntervalMinutes)),
        NextCheckAt = new DateTimeOffset(e.GetInt64(NextCheckTicks) ?? DateTimeOffset.UnixEpoch.UtcTicks, TimeSpan.Zero),
        IntervalMinutes = e.GetInt32(nameof(FeedRecord.IntervalMinutes)),
        ClaimId = e.GetString(nameof(FeedRecord.ClaimId)),
        ClaimedAt = e.GetDateTimeOffset(nameof(FeedRecord.ClaimedAt)),
        LastAttempt = e.GetDateTimeOffset(nameof(FeedRecord.LastAttempt)),
        LastSuccess = e.GetDateTimeOffset(nameof(FeedRecord.LastSuccess)),
        HttpStatus = e.GetInt32(nameof(FeedRecord.HttpStatus)),
        ETag = e.GetString(nameof(FeedRecord.ETag)),
        LastModified = e.GetString(nameof(FeedRecord.LastModified)),
        ConsecutiveFailures = e.GetInt32(nameof(FeedRecord.ConsecutiveFailures)) ?? 0,
        LastError = e.GetString(nameof(FeedRecord.LastError)),
        ItemsSeen = e.GetInt32(nameof(FeedRecord.ItemsSeen)) ?? 0,
        ItemsNew = e.GetInt32(nameof(FeedRecord.ItemsNew)) ?? 0,
        LastNewItemAt = e.GetDateTimeOffset(nameof(FeedRecord.LastNewItemAt)),
        NextAttemptAfter = e.GetDateTimeOffset(nameof(FeedRecord.NextAttemptAfter)),
        RecentItemIds = RecentIdsOf(e),
        RowETag = e.ETag.ToString(),
    };

    /// <summary>The column of the next check's ticks (the due index's key is made of them).</summary>
    public const string NextCheckTicks = "NextCheckTicks";

    private static string? Bounded(string? text, int length) => text is { } value && value.Length > length ? value[..length] : text;

    /// <summary>
    /// The ids as 64-bit numbers (each is 16 hex digits of an article id), packed 8 bytes each into binary columns: a
    /// quarter of the string form's size. An id that is not 16 hex digits is left out (the item then costs a
    /// conditional create, which writes nothing twice); ids past <see cref="MaxRecentIds"/> likewise.
    /// </summary>
    private static List<byte[]> RecentIdsToColumns(IReadOnlyList<string> ids)
    {
        var numbers = new List<ulong>(Math.Min(ids.Count, MaxRecentIds));
        foreach (var id in ids)
        {
            if (numbers.Count == MaxRecentIds)
            {
                break;
            }

            if (id.Length == 16 && ulong.TryParse(id, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var number))
            {
                numbers.Add(number);
            }
        }

        var columns = new List<byte[]>();
        for (var start = 0; start < numbers.Count; start += IdsPerColumn)
        {
            var count = Math.Min(IdsPerColumn, numbers.Count - start);
            var bytes = new byte[count * sizeof(ulong)];
            for (var i = 0; i < count; i++)
            {
                BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(i * sizeof(ulong)), numbers[start + i]);
            }

            columns.Add(bytes);
        }

        return columns;
    }

    private static List<string> RecentIdsOf(TableEntity e)
    {
        var ids = new List<string>();
        for (var i = 0; i < RecentIdColumns; i++)
        {
            if (e.GetBinary(RecentIdsColumn + i.ToString(CultureInfo.InvariantCulture)) is not { } bytes)
            {
                continue;
            }

            for (var offset = 0; offset + sizeof(ulong) <= bytes.Length; offset += sizeof(ulong))
            {
                ids.Add(BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(offset)).ToString("x16", CultureInfo.InvariantCulture));
            }
        }

        if (ids.Count == 0 && e.GetString(LegacyRecentIds) is { Length: > 0 } legacy)
        {
            ids.AddRange(legacy.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }

        return ids;
    }
}
