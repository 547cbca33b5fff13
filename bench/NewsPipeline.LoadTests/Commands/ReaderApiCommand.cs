using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using NewsPipeline.Core.Model.Readers;
using NewsPipeline.Core.Services.Readers;
using NewsPipeline.Core.Services.Registry;
using NewsPipeline.Core.Storage.Readers;
using NewsPipeline.Testing.Articles;
using NewsPipeline.Testing.Load;
using NewsPipeline.Testing.Storage;

namespace NewsPipeline.LoadTests.Commands;

/// <summary>
/// The Google Reader API at archive size: an archive of synthetic articles, one account with a year of state (read,
/// unread, starred), and the calls an app makes, each timed over HTTP and counted in storage requests.
/// </summary>
internal static class ReaderApiCommand
{
    private const string Password = "benchmark password";

    public static Command Create()
    {
        var articles = new Option<int>("--articles") { Description = "Articles in the archive.", DefaultValueFactory = _ => 100_000 };
        var unread = new Option<int>("--unread") { Description = "Of them, the newest this many are unread; the rest were read (a year of reading).", DefaultValueFactory = _ => 10_000 };
        var repeats = new Option<int>("--repeats") { Description = "Timed calls of each read-only kind.", DefaultValueFactory = _ => 10 };
        var connection = new Option<string?>("--connection") { Description = "A storage connection string instead of a private in-memory Azurite." };
        var command = new Command("reader-api", """
            Measure the Google Reader API (docs/performance/reader-api.md): seed an archive (default 100,000
            articles from five feeds), give one account a year of state — the newest 10,000 unread, the rest read,
            500 starred — then time the calls NetNewsWire makes and count the storage requests each sends: unread
            ids (n=10000), unread-count, subscription/list, tag/list, contents of 150 items, marking 1,000 read.
            Azurite scans whole tables, so its times grow with the table; the request counts carry over to Azure.

            Example:
              dotnet run -c Release --project bench/NewsPipeline.LoadTests -- reader-api --articles 20000 --unread 2000
            """) { articles, unread, repeats, connection };
        OptionRules.AtLeast(articles, 2000);
        OptionRules.AtLeast(unread, 1000);
        OptionRules.AtLeast(repeats, 1);
        command.SetAction((result, cancellationToken) => RunAsync(result.GetValue(articles), result.GetValue(unread), result.GetValue(repeats),
            result.GetValue(connection), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(int size, int unreadCount, int repeats, string? connection, CancellationToken cancellationToken)
    {
        if (unreadCount >= size)
        {
            throw new ArgumentException("--unread must be below --articles: the rest are the account's read history.");
        }

        await using var azurite = connection is null ? await PrivateAzurite.StartAsync(cancellationToken).ConfigureAwait(false) : null;
        connection ??= azurite!.ConnectionString;
        var tables = new TableRequestLog();
        var blobs = new TableRequestLog();
        var name = "reader" + Guid.NewGuid().ToString("N")[..8];
        await using var api = await BenchApi.StartAsync(connection, name, tables, cancellationToken, new Dictionary<string, string?>
        {
            ["Storage:FeedsTable"] = name + "feeds",
            // The account's state is written below; nothing comes from the change feed.
            ["Reader:UnreadBackfillDays"] = "0",
            ["Reader:SyncSettleSeconds"] = "0",
            // Azurite scans a 300,000-row table per query: a call of 150 lookups outlasts the default 10 s budget there.
            ["Api:StorageBudgetSeconds"] = "120",
        }, blobLog: blobs).ConfigureAwait(false);

        var archive = SyntheticArticles.Generate(size).Select(a => a with { ContentHtml = $"<p>{a.Summary}</p><p>{string.Concat(Enumerable.Repeat("More of the story. ", 60))}</p>" }).ToList();
        var seed = Stopwatch.StartNew();
        await ProgressiveLoad.LoadAsync(api.Index, archive, $"Seeding {size:N0} articles", cancellationToken).ConfigureAwait(false);
        foreach (var source in SyntheticArticles.Sources)
        {
            await api.Get<FeedAdministration>().AddAsync(source, $"https://{source}.example/rss", null, null, source, cancellationToken).ConfigureAwait(false);
        }

        await api.Get<ReaderAccounts>().AddAsync("bench", Password, subscribeToRegistry: true, cancellationToken).ConfigureAwait(false);
        var store = api.Get<ReadingStateStore>();
        var items = archive.Select(a => new StateItem(ReaderItemId.FromArticleId(a.Id), a.Source, a.Published, a.Published)).ToList();
        // Every item arrived unread, as the sync writes them; the older ones were then marked read, as an app marks them.
        await store.AddUnreadAsync("bench", items, cancellationToken).ConfigureAwait(false);
        await store.MarkReadAsync("bench", items.Skip(unreadCount).Select(i => i.ItemId).ToList(), DateTimeOffset.UtcNow, cancellationToken).ConfigureAwait(false);
        await store.SaveMarksAsync("bench", items.Where((_, i) => i % (size / 500) == 0).Take(500)
            .Select(i => new ItemMarks(i, true, DateTimeOffset.UtcNow, [])), cancellationToken).ConfigureAwait(false);
        seed.Stop();
        Console.Error.WriteLine($"Seeded {size:N0} articles and the account's state in {seed.Elapsed.TotalSeconds:0} s");

        using var http = new HttpClient { BaseAddress = api.BaseAddress };
        var login = await (await http.PostAsync(new Uri("api/greader/accounts/ClientLogin", UriKind.Relative),
            new StringContent("Email=bench&Passwd=" + Uri.EscapeDataString(Password), Encoding.UTF8, "application/x-www-form-urlencoded"), cancellationToken).ConfigureAwait(false))
            .Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("GoogleLogin", "auth=" + login.Split('\n').Single(l => l.StartsWith("Auth=", StringComparison.Ordinal))[5..]);

        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; {size:N0} articles, {unreadCount:N0} unread, {size - unreadCount:N0} read, 500 starred");
        Console.WriteLine();
        Console.WriteLine("| call | table requests | blob reads | p50 (ms) | max (ms) | answer |");
        Console.WriteLine("|---|---:|---:|---:|---:|---|");
        const string ids = "api/greader/reader/api/0/stream/items/ids?s=user/-/state/com.google/reading-list&xt=user/-/state/com.google/read&n=10000";
        var unreadIds = JsonDocument.Parse(await GetAsync(http, ids, cancellationToken).ConfigureAwait(false)).RootElement.GetProperty("itemRefs").EnumerateArray()
            .Select(r => r.GetProperty("id").GetString()!).ToList();
        await MeasureAsync("stream/items/ids, unread, n=10000", () => GetAsync(http, ids, cancellationToken), $"{unreadIds.Count:N0} ids").ConfigureAwait(false);
        await MeasureAsync("stream/items/ids, starred", () => GetAsync(http, "api/greader/reader/api/0/stream/items/ids?s=user/-/state/com.google/starred&n=1000", cancellationToken), "").ConfigureAwait(false);
        await MeasureAsync("unread-count", () => GetAsync(http, "api/greader/reader/api/0/unread-count?output=json", cancellationToken), "").ConfigureAwait(false);
        await MeasureAsync("subscription/list", () => GetAsync(http, "api/greader/reader/api/0/subscription/list?output=json", cancellationToken), "").ConfigureAwait(false);
        await MeasureAsync("tag/list", () => GetAsync(http, "api/greader/reader/api/0/tag/list?output=json", cancellationToken), "").ConfigureAwait(false);
        var batch = string.Join('&', unreadIds.Take(150).Select(i => "i=" + i));
        await MeasureAsync("stream/items/contents, 150 ids", () => PostAsync(http, "api/greader/reader/api/0/stream/items/contents", batch, cancellationToken), "150 items").ConfigureAwait(false);

        var token = (await GetAsync(http, "api/greader/reader/api/0/token", cancellationToken).ConfigureAwait(false)).TrimEnd('\n');
        var marks = string.Join('&', unreadIds.Take(1000).Select(i => "i=" + i)) + "&a=user/-/state/com.google/read&T=" + token;
        await MeasureAsync("edit-tag, 1,000 marked read", () => PostAsync(http, "api/greader/reader/api/0/edit-tag", marks, cancellationToken), "OK", once: true).ConfigureAwait(false);
        return 0;

        async Task MeasureAsync(string call, Func<Task<string>> send, string answer, bool once = false)
        {
            tables.Clear();
            blobs.Clear();
            var watch = Stopwatch.StartNew();
            var body = await send().ConfigureAwait(false);
            var first = watch.Elapsed.TotalMilliseconds;
            var requests = tables.Requests.Count;
            var blobReads = blobs.Requests.Count(r => r.Method == "GET");
            var timings = new List<double> { first };
            for (var i = 1; !once && i < repeats; i++)
            {
                watch.Restart();
                await send().ConfigureAwait(false);
                timings.Add(watch.Elapsed.TotalMilliseconds);
            }

            timings.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {call} | {requests} | {blobReads} | {timings[timings.Count / 2]:0} | {timings[^1]:0} | {(answer.Length > 0 ? answer : body.Length.ToString("N0", CultureInfo.InvariantCulture) + " bytes")} |"));
        }
    }

    private static async Task<string> GetAsync(HttpClient http, string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<string> PostAsync(HttpClient http, string path, string form, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync(new Uri(path, UriKind.Relative), new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded"), cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
    }
}
