using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using NewsPipeline.Core.Reading.Stories;

namespace NewsPipeline.Core.Storage.Tables;

/// <summary>
/// The stories table, in its own table so the article rows stay as they were. Every call is a point read, a point
/// write or a single-partition range query:
/// <list type="bullet">
/// <item><c>k-{term hash}</c>, RowKey = published ticks + article id: an article filed under one of its key terms, with
/// its story and its term vector, so finding and verifying candidates is one range query per key.</item>
/// <item><c>df</c>, RowKey = day: that day's document frequencies (<see cref="FrequencySketch"/>, 64 KiB in two properties), read and written by each process at most every half-minute (StoryIndexStore.Frequencies.cs).</item>
/// <item><c>s-{xx}</c>, RowKey = story id: a story, its members, and the story it was merged into, if it was.</item>
/// <item><c>latest-{yyyyMM}</c>, RowKey = inverted first-indexing ticks + story id: the stories newest first.</item>
/// <item><c>a-{xx}</c>, RowKey = article id: the story an article was given when first clustered.</item>
/// </list>
/// </summary>
public sealed partial class StoryIndexStore : IStoryIndex, IAsyncDisposable
{
    // A string property holds 32,768 UTF-16 characters; the members' JSON keeps under it.
    private const int MaxMembersJsonLength = 30_000;

    // How far back the newest-first list walks months before it says there is no more.
    private const int MaxListedMonths = 24;

    private static readonly JsonSerializerOptions MemberJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly TableClient table;
    private readonly TimeProvider clock;
    private readonly CreateOnce created;

    public StoryIndexStore(StorageClients clients, IOptions<StorageOptions> options, TimeProvider? clock = null)
    {
        this.clock = clock ?? TimeProvider.System;
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(options);
        table = clients.Tables.GetTableClient(options.Value.StoriesTable);
        created = new CreateOnce(ct => table.CreateIfNotExistsAsync(ct));
    }

    public async Task<StoryAssignment?> FindAssignmentAsync(string articleId, CancellationToken cancellationToken)
    {
        await created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(AssignmentPartition(articleId), articleId, ["PartitionKey", "RowKey", "Story"], cancellationToken).ConfigureAwait(false);
        return row.HasValue && row.Value!.GetString("Story") is { } story ? new StoryAssignment(articleId, story) : null;
    }

    public async Task SaveAssignmentAsync(StoryAssignment assignment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        await table.UpsertEntityAsync(new TableEntity(AssignmentPartition(assignment.ArticleId), assignment.ArticleId) { ["Story"] = assignment.Story },
            TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<StoryCandidate>> FindCandidatesAsync(ulong key, DateTimeOffset earliest, DateTimeOffset latest, int max, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {KeyPartition(key)} and RowKey ge {TimeKey(earliest)} and RowKey lt {TimeKey(latest.AddTicks(1))}");
        var found = new List<StoryCandidate>();
        // One page: a key filed under more articles than a page holds is no evidence of one event anyway.
        await foreach (var page in table.QueryAsync<TableEntity>(filter, maxPerPage: max, select: ["ArticleId", "Story", "Source", "Published", "Vector"],
                           cancellationToken: cancellationToken).AsPages().ConfigureAwait(false))
        {
            foreach (var row in page.Values)
            {
                if (row.GetString("ArticleId") is { } id && row.GetString("Story") is { } story && row.GetBinary("Vector") is { } vector)
                {
                    found.Add(new StoryCandidate(id, story, row.GetString("Source") ?? string.Empty, row.GetDateTimeOffset("Published") ?? default, StoryVector.FromBytes(vector)));
                }
            }

            break;
        }

        return found;
    }

    public async Task AddKeysAsync(StoryCandidate article, IReadOnlyList<ulong> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(article);
        ArgumentNullException.ThrowIfNull(keys);
        var vector = article.Vector.ToBytes();
        foreach (var key in keys)
        {
            await table.UpsertEntityAsync(KeyRow(article, key, vector), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The row that files an article under one key (its vector's bytes given, as every key row holds the same).</summary>
    internal static TableEntity KeyRow(StoryCandidate article, ulong key, byte[] vector) =>
        new(KeyPartition(key), TimeKey(article.Published) + "-" + article.ArticleId)
        {
            ["ArticleId"] = article.ArticleId,
            ["Story"] = article.Story,
            ["Source"] = article.Source,
            ["Published"] = article.Published,
            ["Vector"] = vector,
        };

    /// <summary>A day's frequencies as their row.</summary>

    /// <summary>The table, created if it was not: for test support (tests/NewsPipeline.Testing) that fills it in bulk with the rows this store writes.</summary>
    internal async Task<TableClient> CreatedTableAsync(CancellationToken cancellationToken)
    {
        await created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        return table;
    }

    public async Task<StoryRecord?> ReadStoryAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        await created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(StoryPartition(id), id, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? FromEntity(row.Value!) : null;
    }

    public async Task<bool> TryWriteStoryAsync(StoryRecord story, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(story);
        var entity = ToEntity(story);
        try
        {
            if (story.Version is ETag etag)
            {
                await table.UpdateEntityAsync(entity, etag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }

        // The newest-first list names live stories only: a new story is listed, a merged one leaves the list.
        var listed = new TableEntity(ListPartition(story.FirstIndexed), ListRowKey(story)) { ["Story"] = story.Id };
        if (story.MergedInto is not null)
        {
            try
            {
                await table.DeleteEntityAsync(listed.PartitionKey, listed.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
            }
        }
        else if (story.Version is null)
        {
            await table.UpsertEntityAsync(listed, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>
    /// A page of the stories newest first (by their first report's indexing), from <paramref name="after"/> (a
    /// previous page's <see cref="StoryPage.Next"/>): one range query per month visited, then a point read per story.
    /// </summary>
    public async Task<StoryPage> ListAsync(int limit, StoryCursor? after, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var ids = new List<(string Month, string RowKey, string Story)>();
        var month = after?.Month ?? Month(now);
        for (var visited = 0; visited < MaxListedMonths && ids.Count <= limit; visited++)
        {
            var partition = "latest-" + month;
            var filter = after is not null && after.Month == month
                ? TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {after.RowKey}")
                : TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
            await foreach (var page in table.QueryAsync<TableEntity>(filter, maxPerPage: limit + 1 - ids.Count, select: ["RowKey", "Story"],
                               cancellationToken: cancellationToken).AsPages().ConfigureAwait(false))
            {
                ids.AddRange(page.Values.Where(r => r.GetString("Story") is not null).Select(r => (month, r.RowKey, r.GetString("Story")!)));
                break;
            }

            month = PreviousMonth(month);
        }

        var shown = ids.Take(limit).ToList();
        var stories = await Task.WhenAll(shown.Select(i => ReadStoryAsync(i.Story, cancellationToken))).ConfigureAwait(false);
        var next = ids.Count > limit ? new StoryCursor(shown[^1].Month, shown[^1].RowKey) : null;
        return new StoryPage(stories.Where(s => s is { MergedInto: null }).Select(s => s!).ToList(), next);
    }

    private static TableEntity ToEntity(StoryRecord story)
    {
        var members = story.Members.ToList();
        var json = JsonSerializer.Serialize(members, MemberJson);
        while (json.Length > MaxMembersJsonLength && members.Count > 1)
        {
            members.RemoveAt(members.Count - 1);
            json = JsonSerializer.Serialize(members, MemberJson);
        }

        return new TableEntity(StoryPartition(story.Id), story.Id)
        {
            ["Title"] = story.Title.Length > 2_000 ? story.Title[..2_000] : story.Title,
            ["FirstIndexed"] = story.FirstIndexed,
            ["FirstPublished"] = story.FirstPublished,
            ["LastPublished"] = story.LastPublished,
            ["Members"] = json,
            ["MemberCount"] = story.MemberCount,
            ["MergedInto"] = story.MergedInto,
        };
    }

    private static StoryRecord FromEntity(TableEntity row) => new()
    {
        Id = row.RowKey,
        Title = row.GetString("Title") ?? string.Empty,
        FirstIndexed = row.GetDateTimeOffset("FirstIndexed") ?? default,
        FirstPublished = row.GetDateTimeOffset("FirstPublished") ?? default,
        LastPublished = row.GetDateTimeOffset("LastPublished") ?? default,
        Members = row.GetString("Members") is { Length: > 0 } json ? JsonSerializer.Deserialize<List<StoryMember>>(json, MemberJson) ?? [] : [],
        MemberCount = row.GetInt32("MemberCount") ?? 0,
        MergedInto = row.GetString("MergedInto"),
        Version = row.ETag,
    };

    private static string AssignmentPartition(string articleId) => "a-" + Prefix(articleId);

    private static string StoryPartition(string storyId) => "s-" + Prefix(storyId);

    private static string Prefix(string id) => TableKeys.Escape(id.Length >= 2 ? id[..2] : id);

    private static string KeyPartition(ulong key) => "k-" + key.ToString("x16", CultureInfo.InvariantCulture);

    private static string DayKey(DateOnly day) => day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private static string TimeKey(DateTimeOffset time) => Math.Max(0, time.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);

    private static string Month(DateTimeOffset time) => time.UtcDateTime.ToString("yyyyMM", CultureInfo.InvariantCulture);

    private static string PreviousMonth(string month) =>
        DateTime.ParseExact(month, "yyyyMM", CultureInfo.InvariantCulture).AddMonths(-1).ToString("yyyyMM", CultureInfo.InvariantCulture);

    private static string ListPartition(DateTimeOffset firstIndexed) => "latest-" + Month(firstIndexed);

    private static string ListRowKey(StoryRecord story) => ArticleIndexStore.InvertedTicks(story.FirstIndexed) + "-" + story.Id;
}

/// <summary>Where a page of stories ended: the month partition and the row key of its last story.</summary>
public sealed record StoryCursor(string Month, string RowKey);

/// <summary>A page of stories newest first, and where the next one starts (null: no more).</summary>
public sealed record StoryPage(IReadOnlyList<StoryRecord> Stories, StoryCursor? Next);
