using System.Diagnostics;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using NewsPipeline.Core.Model.Articles;
using NewsPipeline.Core.Reading.Articles.Parsing;
using NewsPipeline.Core.Reading.Stories;
using NewsPipeline.Core.Services.Pipeline;
using NewsPipeline.Core.Services.Stories;
using NewsPipeline.Core.Storage;
using NewsPipeline.Core.Storage.Tables;
using NewsPipeline.Testing.Storage;

namespace NewsPipeline.Testing.Load;

/// <summary>What clustering one article cost against the stories table.</summary>
internal sealed record StoryCost(int Requests, int Queries, int Candidates, TimeSpan Elapsed);

/// <summary>The dev set's scores in memory, and its cost per article against a stories table already holding SEED articles.</summary>
internal sealed record StoriesRun(ClusteringScores Scores, int Articles, int Seeded, int SeededRows, IReadOnlyList<StoryCost> Costs);

/// <summary>
/// The stories benchmark (issue 30): the labelled dev set clustered in memory and scored (pairs within the window,
/// B-cubed); then the same articles clustered by the pipeline's table-backed code on Azurite, one by one in order of
/// publication, every Table request recorded, after the table was filled with SEED synthetic articles published in
/// the same days (their key rows and the days' frequencies, written in bulk) so each article's queries meet a full
/// window. Synthetic articles draw their terms from the dev set's own, as often as the dev set uses them, so the
/// common terms' partitions fill as a busy window's would.
/// </summary>
internal static class StoriesAtScale
{
    public static async Task<StoriesRun> RunAsync(string connection, string devFolder, int seed, StorySettings settings, CancellationToken cancellationToken, int clustered = int.MaxValue)
    {
        var articlesFolder = Path.Combine(devFolder, "articles");
        var files = await FolderClustering.ClusterAsync([articlesFolder], settings, cancellationToken).ConfigureAwait(false);
        var labels = File.ReadLines(Path.Combine(devFolder, "stories.tsv")).Skip(1).Select(l => l.Split('\t'))
            .ToDictionary(f => f[0], f => f[1] == "-" ? null : f[1], StringComparer.Ordinal);
        var scores = ClusteringScores.Score(files.Where(f => f.Story is not null && labels.ContainsKey(Path.GetFileName(f.File)))
            .Select(f => new ClusteringScores.Item(Path.GetFileName(f.File), labels[Path.GetFileName(f.File)], f.Story!, f.Published)).ToList(), settings.Window);

        var parser = new ArticleMetadataParser(TimeProvider.System);
        var articles = new List<ArticleMetadata>();
        foreach (var file in ImportService.EnumerateDocuments([articlesFolder]))
        {
            articles.Add(parser.Parse(await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false)));
        }

        articles = articles.OrderBy(a => a.Published).ThenBy(a => a.Id, StringComparer.Ordinal).ToList();
        var log = new TableRequestLog();
        var options = Options.Create(new StorageOptions { StoriesTable = "stories" + Guid.NewGuid().ToString("N")[..10] });
        var store = new StoryIndexStore(RecordedStorage.Clients(connection, log), options);
        var rows = await SeedAsync(store, articles, seed, settings, cancellationToken).ConfigureAwait(false);

        var clusterer = new StoryClusterer(store, settings);
        var costs = new List<StoryCost>(articles.Count);
        foreach (var article in articles.Take(clustered))
        {
            log.Clear();
            var watch = Stopwatch.StartNew();
            var decision = await clusterer.AssignAsync(StoryInput.From(article, DateTimeOffset.UtcNow, settings.LeadChars), cancellationToken).ConfigureAwait(false);
            watch.Stop();
            var requests = log.Requests;
            costs.Add(new StoryCost(requests.Count, requests.Count(r => r.Method == "GET" && r.Filter is not null), decision.Candidates.Count, watch.Elapsed));
        }

        await (await store.CreatedTableAsync(cancellationToken).ConfigureAwait(false)).DeleteAsync(cancellationToken).ConfigureAwait(false);
        return new StoriesRun(scores, articles.Count, seed, rows, costs);
    }

    internal static async Task<int> SeedAsync(StoryIndexStore store, List<ArticleMetadata> articles, int seed, StorySettings settings, CancellationToken cancellationToken)
    {
        if (seed == 0)
        {
            return 0;
        }

        // The dev set's terms, each as many times as articles use it: drawing from this list draws common terms often.
        var pool = articles.SelectMany(a => { var i = StoryInput.From(a, a.Published, settings.LeadChars); return StoryFeatures.Terms(i.Title, i.Lead, (float)settings.TitleWeight).Keys; }).ToArray();
        var random = new Random(30);
        var first = articles[0].Published.AddHours(-24);
        var span = (articles[^1].Published.AddHours(24) - first).Ticks;
        var synthetic = new List<(string Id, DateTimeOffset Published, Dictionary<ulong, float> Terms)>(seed);
        var days = new Dictionary<DateOnly, FrequencySketch>();
        for (var i = 0; i < seed; i++)
        {
            var terms = new Dictionary<ulong, float>();
            for (var t = 0; t < 120; t++)
            {
                var hash = StoryFeatures.Hash(pool[random.Next(pool.Length)]);
                terms[hash] = terms.GetValueOrDefault(hash) + (t < 20 ? (float)settings.TitleWeight : 1f);
            }

            var published = first.AddTicks((long)(random.NextDouble() * span));
            var day = DateOnly.FromDateTime(published.UtcDateTime);
            if (!days.TryGetValue(day, out var sketch))
            {
                days[day] = sketch = new FrequencySketch();
            }

            sketch.Add(terms.Keys);
            var id = "synthetic" + i.ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
            synthetic.Add((id, published, terms));
        }

        var window = new FrequencySketch();
        foreach (var sketch in days.Values)
        {
            window.Include(sketch);
        }

        var table = await store.CreatedTableAsync(cancellationToken).ConfigureAwait(false);
        var entities = new List<TableEntity>();
        foreach (var (id, published, terms) in synthetic)
        {
            // Each synthetic article its own story, from one of 20 outlets.
            var vector = StoryVector.From(terms, new Dictionary<ulong, float>(), window, settings.VectorTerms);
            var candidate = new StoryCandidate(id, id, "synthetic" + (id.GetHashCode(StringComparison.Ordinal) & 15), published, vector);
            var bytes = vector.ToBytes();
            entities.AddRange(vector.Keys(settings.Keys, window).Select(key => StoryIndexStore.KeyRow(candidate, key, bytes)));
        }

        entities.AddRange(days.Select(d => StoryIndexStore.FrequencyRow(d.Key, d.Value)));
        var batches = entities.GroupBy(e => e.PartitionKey).SelectMany(g => g.Chunk(100)).ToList();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (batch, ct) =>
            await table.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), ct).ConfigureAwait(false)).ConfigureAwait(false);
        return entities.Count;
    }
}
