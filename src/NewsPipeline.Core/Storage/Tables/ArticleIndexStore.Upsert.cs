using Azure;
using Azure.Data.Tables;
using NewsPipeline.Core.Model.Articles;

namespace NewsPipeline.Core.Storage.Tables;

/// <summary>Writing an article as one feed published it: its timeline rows and its by-id row, conditioned on the ETag.</summary>
public sealed partial class ArticleIndexStore
{
    /// <summary>
    /// Writes or replaces the rows of an article as one feed (its <see cref="ArticleMetadata.Source"/>) published it.
    /// Idempotent: the same metadata twice leaves the same rows. An article (one link) carried by several feeds is
    /// kept under every one of them: each feed has its own row in its own timeline, written only by that feed's
    /// deliveries. The first feed that stored it owns the by-id resource and the row in the <c>all</c> timeline; a
    /// later feed that carries the same link adds its own timeline row and never changes what the owner published.
    /// The by-id row records every placement and is written conditioned on its ETag, so concurrent deliveries of
    /// several feeds never lose one another's placement.
    /// </summary>
    public async Task UpsertAsync(ArticleMetadata article, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(article);
        await created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var bucket = BucketOf(article.Published);
        var rowKey = TimelineRowKey(article.Published, article.Id);
        var ownScope = SourceScope(article.Source);
        var written = new HashSet<(string Partition, string RowKey)>();

        for (var attempt = 1; ; attempt++)
        {
            var previous = await table.GetEntityIfExistsAsync<TableEntity>(IdPartition(article.Id), article.Id,
                // Azurite returns only the columns named in a $select, the keys included.
                ["PartitionKey", "RowKey", "Source", "ChangeKey", .. Placements.ColumnNames], cancellationToken).ConfigureAwait(false);
            var before = previous.HasValue ? Placements.Read(previous.Value!) : [];
            var owner = previous.HasValue ? previous.Value!.GetString("Source") ?? article.Source : article.Source;
            var isOwner = owner == article.Source;

            // An article already listed in as many timelines as its by-id row can name: a further feed does not list it
            // (the earlier feeds and the "all" timeline do), rather than failing the delivery on a row too big to save.
            if (!isOwner && before.Count >= Placements.MaxPlacements && !before.Any(p => Belongs(p.Partition, ownScope, isOwner)))
            {
                return;
            }

            // This feed's placements now; the other feeds' stay as they are.
            var mine = new List<(string Partition, string RowKey)> { (SourcePartition(article.Source, bucket), rowKey) };
            if (isOwner)
            {
                mine.Add((AllPartition(bucket), rowKey));
            }

            var after = before.Where(p => !Belongs(p.Partition, ownScope, isOwner)).Concat(mine).Distinct().ToList();
            foreach (var (partition, key) in mine)
            {
                await table.UpsertEntityAsync(ArticleEntityMapper.ToEntity(article, partition, key), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                written.Add((partition, key));
            }

            await RegisterBucketsAsync(isOwner ? ["all", ownScope] : [ownScope], bucket, cancellationToken).ConfigureAwait(false);

            // A re-parse that moves this feed's rows (a better date) must not leave them twice in a timeline. The old
            // rows go before the by-id row records the new place: if this is cut short, the retry still knows them.
            foreach (var stale in before.Where(p => Belongs(p.Partition, ownScope, isOwner) && !after.Contains(p)))
            {
                await DeleteIfExistsAsync(stale.Partition, stale.RowKey, cancellationToken).ConfigureAwait(false);
            }

            TableEntity byId;
            string? changeKey = null;
            if (isOwner)
            {
                byId = ArticleEntityMapper.ToEntity(article, IdPartition(article.Id), article.Id, withLinks: true);
                // The article's place in the change feed: the time it was first indexed, kept for good, so a re-parse
                // or a redelivery rewrites the same change row and a poller sees the article once.
                changeKey = (previous.HasValue ? previous.Value!.GetString("ChangeKey") : null) ?? ChangeRowKey(clock.GetUtcNow(), article.Id);
                byId["ChangeKey"] = changeKey;
            }
            else
            {
                // Another feed's article: only its list of placements changes, never what the owner published.
                byId = new TableEntity(IdPartition(article.Id), article.Id);
            }

            Placements.Write(byId, after);
            if (await TryWriteByIdAsync(byId, previous.HasValue ? previous.Value!.ETag : (ETag?)null, merge: !isOwner, cancellationToken).ConfigureAwait(false))
            {
                // Rows an earlier attempt wrote as the presumed owner, before another feed's delivery won the by-id row.
                foreach (var orphan in written.Where(w => !after.Contains(w)))
                {
                    await DeleteIfExistsAsync(orphan.Partition, orphan.RowKey, cancellationToken).ConfigureAwait(false);
                }

                if (changeKey is not null)
                {
                    // After the by-id row, which holds the key: if this is cut short, the redelivery writes the same row.
                    var changes = ChangePartition(changeKey);
                    await table.UpsertEntityAsync(ArticleEntityMapper.ToEntity(article, changes, changeKey), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                    await RegisterBucketsAsync([ChangesScope], changes[(ChangesScope.Length + 1)..], cancellationToken).ConfigureAwait(false);
                }

                return;
            }

            if (attempt == MaxAttempts)
            {
                throw new InvalidOperationException($"Article {article.Id} kept changing under {MaxAttempts} attempts to index it as feed '{article.Source}' published it; the delivery is retried.");
            }

            // Many feeds' deliveries of one article at once: a short random pause spreads the next tries apart.
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * Math.Min(attempt, 10))), cancellationToken).ConfigureAwait(false);
        }
    }

    private const int MaxAttempts = 30;

    // This feed's placements: its own timeline, and the all-timeline row when it owns the article.
    private static bool Belongs(string partition, string ownScope, bool isOwner) =>
        partition.StartsWith(ownScope + "-", StringComparison.Ordinal) || (isOwner && partition.StartsWith("all-", StringComparison.Ordinal));

    private async Task<bool> TryWriteByIdAsync(TableEntity byId, ETag? etag, bool merge, CancellationToken cancellationToken)
    {
        try
        {
            if (etag is null)
            {
                await table.AddEntityAsync(byId, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await table.UpdateEntityAsync(byId, etag.Value, merge ? TableUpdateMode.Merge : TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }
        // 409: another delivery added it first; 412: another changed it since it was read. Read again and redo.
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }
}
