using Microsoft.AspNetCore.Http;
using NewsPipeline.Core.Services.Pipeline;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Pipeline;

/// <summary>
/// A retry that worked is not a failure: the resilience handler's own lines about it stay below Warning, so an
/// operator reading `fail:` or `warn:` sees only what went wrong, which the fetch stage reports itself.
/// </summary>
public sealed class RetryLoggingTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> RetryOnce = new()
    {
        ["Fetch:TimeoutSeconds"] = "1",
        ["Fetch:Retries"] = "1",
        ["Fetch:RetryDelayMilliseconds"] = "10",
    };

    private readonly byte[] body = File.ReadAllBytes(RepositoryPaths.Fixture("feeds", "rss2-basic.xml"));
    private FeedServer server = null!;

    public async Task InitializeAsync() => server = await FeedServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task A_500_then_a_good_answer_logs_nothing_at_Warning_or_above()
    {
        var calls = 0;
        var url = server.Handle("flaky.xml", async context =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                return;
            }

            await context.Response.Body.WriteAsync(body);
        });

        var logs = await FetchAsync($"flaky={url}", FeedFetchStatus.Fetched);

        Assert.Equal(2, calls);
        AssertNothingAtWarningOrAbove(logs);
        // The retry is still on record, only not as a failure.
        Assert.Contains(logs.Lines, line => line.StartsWith("Information: Polly", StringComparison.Ordinal) && line.Contains("OnRetry", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_timeout_then_a_good_answer_logs_nothing_at_Warning_or_above()
    {
        var calls = 0;
        var url = server.Handle("slow.xml", async context =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
                return;
            }

            await context.Response.Body.WriteAsync(body);
        });

        var logs = await FetchAsync($"slow={url}", FeedFetchStatus.Fetched);

        Assert.Equal(2, calls);
        AssertNothingAtWarningOrAbove(logs);
        Assert.Contains(logs.Lines, line => line.StartsWith("Information: Polly", StringComparison.Ordinal) && line.Contains("OnTimeout", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_feed_that_fails_every_attempt_is_reported_once_by_the_fetch_stage_at_Warning_with_the_reason()
    {
        var url = server.Handle("down.xml", context =>
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return Task.CompletedTask;
        });

        var logs = await FetchAsync($"down={url}", FeedFetchStatus.Failed);

        var failures = logs.Lines.Where(line => line.StartsWith("Warning:", StringComparison.Ordinal) || line.StartsWith("Error:", StringComparison.Ordinal) || line.StartsWith("Critical:", StringComparison.Ordinal)).ToList();
        var failure = Assert.Single(failures);
        Assert.StartsWith("Warning: NewsPipeline.Core.Services.Pipeline.FeedFetchRunner: Feed down ", failure, StringComparison.Ordinal);
        Assert.Contains("answered 500", failure, StringComparison.Ordinal);
    }

    private static async Task<CapturedLogs> FetchAsync(string feeds, FeedFetchStatus expected)
    {
        var logs = new CapturedLogs();
        await using var pipeline = await TestPipeline.CreateAsync(feeds, RetryOnce, logs: logs);
        var report = await pipeline.Get<FetchService>().RunAsync(null, CancellationToken.None);
        Assert.True(report.Feeds[0].Status == expected, $"{report.Feeds[0].Status}: {report.Feeds[0].Error}\n{logs.Text}");
        return logs;
    }

    private static void AssertNothingAtWarningOrAbove(CapturedLogs logs)
    {
        foreach (var line in logs.Lines)
        {
            Assert.False(line.StartsWith("Warning:", StringComparison.Ordinal) || line.StartsWith("Error:", StringComparison.Ordinal) || line.StartsWith("Critical:", StringComparison.Ordinal),
                $"a handled retry was logged as a failure:\n{logs.Text}");
        }
    }
}
