using NewsPipeline.Core.Services.Pipeline;
using NewsPipeline.Core.Storage.Blobs;
using NewsPipeline.Core.Storage.Registry;
using Microsoft.AspNetCore.Http;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Pipeline;

/// <summary>
/// Real failures from a real HTTP server on 127.0.0.1: each failing feed gets a clear error in its state, the
/// other feeds are fetched, no partial blob is written, and nothing stored before is lost.
/// </summary>
public sealed class FetchFailureTests : IAsyncLifetime
{
    private const int CapBytes = 64 * 1024;
    private FeedServer server = null!;

    public async Task InitializeAsync() => server = await FeedServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    private static readonly (string Name, string ExpectedError)[] Failures =
    [
        ("status500", "answered 500"),
        ("status404", "answered 404"),
        ("status429", "answered 429"),
        ("hang", "no complete answer within 1 s"),
        ("oversized", "byte limit"),
        ("oversizeddeclared", "byte limit"),
        ("redirectloop", "redirected more than 3 times"),
        ("redirecttofile", "redirected to an address that is not followed"),
        ("invalidxml", "Not well-formed XML"),
        ("billionlaughs", "Not well-formed XML"),
        ("externalentity", "Not well-formed XML"),
        ("notafeed", "is not <rss>, <rdf:RDF> or <feed>"),
        ("badgzip", "failed:"),
    ];

    [Fact]
    public async Task Each_failing_feed_records_its_error_while_the_others_are_fetched_and_nothing_stored_is_lost()
    {
        // First pass: every feed serves a good document, so each has articles stored.
        var feeds = new List<string> { "basin=" + server.ServeFixture("rss2-basic.xml", "basin.xml"), "valley=" + server.ServeFixture("atom-basic.xml", "valley.xml") };
        foreach (var (name, _) in Failures)
        {
            feeds.Add($"{name}={server.Serve(name, GoodFeed(name))}");
        }

        await using var pipeline = await TestPipeline.CreateAsync(string.Join(';', feeds), FastFailureSettings);
        var fetch = pipeline.Get<FetchService>();
        var blobs = pipeline.Get<ArticleBlobStore>();
        var first = await fetch.RunAsync(null, CancellationToken.None);
        Assert.Equal(0, first.Failed);
        var storedBefore = await ReadAllAsync(blobs);
        Assert.Equal(5 + Failures.Length, storedBefore.Count);

        // Second pass: the same feeds now fail in every way a server can fail, and the good ones gain an item.
        ServeFailures();
        server.Serve("basin.xml", File.ReadAllText(RepositoryPaths.Fixture("feeds", "rss2-basic.xml")).Replace("</channel>",
            "<item><title>Late news</title><link>https://basin.example/news/late</link><pubDate>Tue, 24 Nov 2026 07:00:00 GMT</pubDate></item></channel>", StringComparison.Ordinal));

        var second = await fetch.RunAsync(null, CancellationToken.None);

        var basin = second.Feeds.Single(f => f.Feed.Name == "basin");
        Assert.Equal(FeedFetchStatus.Fetched, basin.Status);
        Assert.Equal(1, basin.New);
        Assert.Equal(FeedFetchStatus.Unchanged, second.Feeds.Single(f => f.Feed.Name == "valley").Status);
        var states = (await pipeline.Get<FeedRegistryStore>().ListAsync(CancellationToken.None)).ToDictionary(s => s.Name);
        foreach (var (name, expectedError) in Failures)
        {
            var outcome = second.Feeds.Single(f => f.Feed.Name == name);
            Assert.True(outcome.Status == FeedFetchStatus.Failed, $"{name}: {outcome.Status}");
            Assert.Contains(expectedError, outcome.Error, StringComparison.Ordinal);
            Assert.Equal(outcome.Error, states[name].LastError);
            Assert.Equal(1, states[name].ConsecutiveFailures);
            // The last good response's validators are kept, so the next success is still a cheap conditional GET.
            Assert.NotNull(states[name].ETag);
            Assert.NotNull(states[name].LastSuccess);
        }

        var storedAfter = await ReadAllAsync(blobs);
        Assert.Equal(storedBefore.Count + 1, storedAfter.Count);
        foreach (var (blob, text) in storedBefore)
        {
            Assert.Equal(text, storedAfter[blob]);
        }

        Assert.All(storedAfter.Values, text => Core.Reading.Articles.Document.ArticleDocumentReader.Read(text));
    }

    [Fact]
    public async Task An_entity_bomb_is_a_failure_said_in_the_projects_words_on_its_row_in_the_feed_list_and_in_the_log()
    {
        var bomb = server.Serve("bomb.xml", File.ReadAllBytes(RepositoryPaths.Fixture("feeds", "billion-laughs.xml")), "application/xml");
        var logs = new CapturedLogs();
        await using var pipeline = await TestPipeline.CreateAsync($"bomb={bomb}", FastFailureSettings, logs: logs);

        var report = await pipeline.Get<FetchService>().RunAsync(null, CancellationToken.None);
        var context = HttpContexts.Get(pipeline.Services, "/api/feeds");
        await pipeline.Create<NewsPipeline.Functions.FeedStatus>().Run(context.Request);
        var listed = HttpContexts.Json(context).GetProperty("feeds").EnumerateArray().Single().GetProperty("lastError").GetString()!;
        var row = (await pipeline.Get<FeedRegistryStore>().GetAsync("bomb", CancellationToken.None))!.LastError!;

        Assert.Equal(FeedFetchStatus.Failed, Assert.Single(report.Feeds).Status);
        const string Said = "Not well-formed XML: the entity &lol9; (line 14, position 37) is defined nowhere this reader looks: "
            + "entities a DTD (<!DOCTYPE …>) declares are never expanded here, which refuses entity bombs and reads of local files";
        Assert.Equal(Said, row);
        Assert.Equal(Said, listed);
        Assert.Contains(logs.Lines, line => line.Contains(Said, StringComparison.Ordinal));
        RuntimeTexts.AssertNone(logs.Text);
    }

    [Fact]
    public async Task A_429_with_Retry_After_is_not_asked_again_until_then()
    {
        var url = server.Handle("busy.xml", context =>
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = "120";
            return Task.CompletedTask;
        });
        await using var pipeline = await TestPipeline.CreateAsync($"busy={url}", FastFailureSettings);
        var fetch = pipeline.Get<FetchService>();

        var first = await fetch.RunAsync(null, CancellationToken.None);
        var second = await fetch.RunAsync(null, CancellationToken.None);

        Assert.Equal(FeedFetchStatus.Failed, first.Feeds[0].Status);
        Assert.Contains("Retry-After", first.Feeds[0].Error, StringComparison.Ordinal);
        Assert.Equal(FeedFetchStatus.Deferred, second.Feeds[0].Status);
        Assert.Equal(1, server.RequestsTo("busy.xml"));
        var state = await pipeline.Get<FeedRegistryStore>().GetAsync("busy", CancellationToken.None);
        Assert.True(state!.NextAttemptAfter > DateTimeOffset.UtcNow.AddSeconds(60), $"NextAttemptAfter {state.NextAttemptAfter}");
    }

    [Fact]
    public async Task A_Retry_After_far_in_the_future_defers_the_feed_for_a_day_at_most()
    {
        var url = server.Handle("overloaded.xml", context =>
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "Thu, 01 Jan 2099 00:00:00 GMT";
            return Task.CompletedTask;
        });
        await using var pipeline = await TestPipeline.CreateAsync($"overloaded={url}", FastFailureSettings);

        await pipeline.Get<FetchService>().RunAsync(null, CancellationToken.None);

        var state = await pipeline.Get<FeedRegistryStore>().GetAsync("overloaded", CancellationToken.None);
        Assert.InRange(state!.NextAttemptAfter!.Value, DateTimeOffset.UtcNow.AddHours(23), DateTimeOffset.UtcNow.AddHours(24).AddMinutes(1));
    }

    [Fact]
    public async Task A_transient_500_is_retried_and_then_succeeds()
    {
        var calls = 0;
        var body = File.ReadAllBytes(RepositoryPaths.Fixture("feeds", "rss2-basic.xml"));
        var url = server.Handle("flaky.xml", async context =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                return;
            }

            await context.Response.Body.WriteAsync(body);
        });
        await using var pipeline = await TestPipeline.CreateAsync($"flaky={url}", FastFailureSettings);

        var report = await pipeline.Get<FetchService>().RunAsync(null, CancellationToken.None);

        Assert.Equal(FeedFetchStatus.Fetched, report.Feeds[0].Status);
        Assert.Equal(3, report.New);
        Assert.Equal(2, calls);
    }

    private static readonly Dictionary<string, string?> FastFailureSettings = new()
    {
        ["Fetch:TimeoutSeconds"] = "1",
        ["Fetch:Retries"] = "1",
        ["Fetch:RetryDelayMilliseconds"] = "10",
        ["Fetch:MaxRedirects"] = "3",
        ["Fetch:MaxFeedBytes"] = CapBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private void ServeFailures()
    {
        server.Handle("status500", context => Status(context, 500));
        server.Handle("status404", context => Status(context, 404));
        server.Handle("status429", context =>
        {
            context.Response.Headers.RetryAfter = "3600";
            return Status(context, 429);
        });
        server.Handle("hang", context => Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted));
        server.Handle("oversized", async context =>
        {
            // No Content-Length: the cap must be enforced while reading.
            var chunk = new byte[8192];
            Array.Fill(chunk, (byte)' ');
            await context.Response.Body.WriteAsync("<rss version=\"2.0\"><channel>"u8.ToArray());
            for (var sent = 0; sent < CapBytes * 4; sent += chunk.Length)
            {
                await context.Response.Body.WriteAsync(chunk);
            }
        });
        server.Handle("oversizeddeclared", context =>
        {
            context.Response.ContentLength = CapBytes * 10;
            return context.Response.Body.WriteAsync(new byte[1024]).AsTask();
        });
        server.Handle("redirectloop", context =>
        {
            context.Response.Redirect("/redirectloop");
            return Task.CompletedTask;
        });
        server.Handle("redirecttofile", context =>
        {
            context.Response.Redirect("file:///etc/passwd");
            return Task.CompletedTask;
        });
        server.Serve("invalidxml", "<rss version=\"2.0\"><channel><item><title>cut off");
        server.Serve("billionlaughs", File.ReadAllBytes(RepositoryPaths.Fixture("feeds", "billion-laughs.xml")), "application/xml");
        server.Serve("externalentity", File.ReadAllBytes(RepositoryPaths.Fixture("feeds", "external-entity.xml")), "application/xml");
        server.Handle("badgzip", context =>
        {
            // A server that labels a plain body gzip: the decompressor throws while the body is read.
            context.Response.Headers.ContentEncoding = "gzip";
            return context.Response.Body.WriteAsync("<rss version=\"2.0\"><channel></channel></rss>"u8.ToArray()).AsTask();
        });
        server.Serve("notafeed", "<html><body><h1>Welcome</h1></body></html>", "text/html");
    }

    private static Task Status(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }

    private static string GoodFeed(string name) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0"><channel><title>{name}</title>
          <item><title>{name} story</title><link>https://{name}.example/story</link><pubDate>Mon, 23 Nov 2026 07:00:00 GMT</pubDate><description>A story.</description></item>
        </channel></rss>
        """;

    private static async Task<Dictionary<string, string>> ReadAllAsync(ArticleBlobStore blobs)
    {
        var result = new Dictionary<string, string>();
        await foreach (var name in blobs.ListAsync(null, CancellationToken.None))
        {
            result[name] = await blobs.ReadAsync(name, CancellationToken.None);
        }

        return result;
    }
}
