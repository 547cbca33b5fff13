using System.Text.Json;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Functions;

/// <summary>
/// Core Tools cannot run here, so the bindings the Functions host will see are checked in the metadata the
/// Worker SDK generates at build.
/// </summary>
public sealed class FunctionsMetadataTests
{
    private static readonly JsonElement[] Functions = Load();

    [Fact]
    public void The_app_has_the_scheduler_the_fetch_workers_the_parser_and_the_api_functions()
    {
        var names = Functions.Select(f => f.GetProperty("name").GetString()!).ToList();
        Assert.Equal(["ArticlePage", "EditAccounts", "EditFeeds", "FeedPage", "FeedStatus", "FeedsPage", "FetchFeeds", "FetchFeedsPoisoned", "FolderPage", "GoogleReaderApi", "Health", "ItemById", "ItemChanges", "LatestItems", "LatestPage", "LatestStories", "LoginPage", "MarkAllRead", "MarkItem", "PageScript", "PageStyles", "ParseArticle", "ReconcileArticles", "ScheduleFeeds", "SignOut", "StarredPage", "StoryById", "StoryPage", "UnreadPage"],
            names.Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void ScheduleFeeds_is_a_timer_on_the_FetchSchedule_setting_that_does_not_run_on_startup()
    {
        var trigger = TriggerOf("ScheduleFeeds");
        Assert.Equal("timerTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("%FetchSchedule%", trigger.GetProperty("schedule").GetString());
        Assert.False(trigger.TryGetProperty("runOnStartup", out var runOnStartup) && runOnStartup.GetBoolean());
    }

    [Fact]
    public void ReconcileArticles_is_a_timer_on_the_ReconcileSchedule_setting_that_does_not_run_on_startup()
    {
        var trigger = TriggerOf("ReconcileArticles");
        Assert.Equal("timerTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("%ReconcileSchedule%", trigger.GetProperty("schedule").GetString());
        Assert.False(trigger.TryGetProperty("runOnStartup", out var runOnStartup) && runOnStartup.GetBoolean());
    }

    [Theory]
    [InlineData("FetchFeeds", "feed-fetch")]
    [InlineData("FetchFeedsPoisoned", "feed-fetch-poison")]
    public void The_fetch_workers_are_queue_triggers_through_ArticleStorage_on_the_queues_Core_writes(string function, string queue)
    {
        var trigger = TriggerOf(function);
        Assert.Equal("queueTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal(queue, trigger.GetProperty("queueName").GetString());
        Assert.Equal("ArticleStorage", trigger.GetProperty("connection").GetString());
        // What the scheduler writes to (its default queue name) is what the trigger reads, poison queue included.
        var core = new NewsPipeline.Core.Storage.StorageOptions().FetchQueue;
        Assert.Equal(queue, function == "FetchFeeds" ? core : core + NewsPipeline.Core.Storage.Queues.FetchQueueStore.PoisonSuffix);
    }

    [Fact]
    public void ParseArticle_is_an_EventGrid_blob_trigger_on_the_articles_container_through_ArticleStorage()
    {
        var trigger = TriggerOf("ParseArticle");
        Assert.Equal("blobTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("articles/{name}", trigger.GetProperty("path").GetString());
        Assert.Equal("EventGrid", trigger.GetProperty("source").GetString());
        Assert.Equal("ArticleStorage", trigger.GetProperty("connection").GetString());
    }

    [Theory]
    [InlineData("LatestItems", "api/items")]
    [InlineData("ItemById", "api/items/{id}")]
    [InlineData("Health", "api/health")]
    [InlineData("ItemChanges", "api/changes")]
    [InlineData("LatestStories", "api/stories")]
    [InlineData("StoryById", "api/stories/{id}")]
    public void Api_functions_are_anonymous_http_triggers_that_take_every_method_to_answer_405_themselves(string function, string route)
    {
        var trigger = TriggerOf(function);
        Assert.Equal("httpTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("anonymous", trigger.GetProperty("authLevel").GetString(), ignoreCase: true);
        // No "methods" (or null): the host then routes every method to the function.
        Assert.True(!trigger.TryGetProperty("methods", out var methods) || methods.ValueKind == JsonValueKind.Null,
            $"{function} names its methods: {methods}");
        Assert.Equal(route, trigger.GetProperty("route").GetString());
    }

    [Fact]
    public void Reading_the_feeds_is_anonymous_and_changing_them_needs_a_function_key()
    {
        var status = TriggerOf("FeedStatus");
        Assert.Equal("anonymous", status.GetProperty("authLevel").GetString(), ignoreCase: true);
        Assert.Equal("api/feeds", status.GetProperty("route").GetString());
        var statusMethods = status.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToLowerInvariant()).ToArray();
        Assert.Contains("get", statusMethods);
        // POST and DELETE must not reach an anonymous function: the host would run the change without a key.
        Assert.DoesNotContain("post", statusMethods);
        Assert.DoesNotContain("delete", statusMethods);

        var changes = TriggerOf("EditFeeds");
        Assert.Equal("function", changes.GetProperty("authLevel").GetString(), ignoreCase: true);
        Assert.Equal(["delete", "post"], changes.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToLowerInvariant()).Order());
        Assert.Equal("api/feeds/{name?}/{action?}", changes.GetProperty("route").GetString());
    }

    private static JsonElement TriggerOf(string function) =>
        Functions.Single(f => f.GetProperty("name").GetString() == function)
            .GetProperty("bindings").EnumerateArray()
            .Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));

    internal static string MetadataPath => Path.Combine(RepositoryPaths.Root, "src", "NewsPipeline.Functions", "bin",
        RepositoryPaths.Configuration, "net10.0", "functions.metadata");

    private static JsonElement[] Load()
    {
        // The test project references the Functions app, so building the tests builds it and its metadata.
        Assert.True(File.Exists(MetadataPath), $"{MetadataPath} was not generated: build src/NewsPipeline.Functions.");
        using var document = JsonDocument.Parse(File.ReadAllText(MetadataPath));
        return document.RootElement.EnumerateArray().Select(e => e.Clone()).ToArray();
    }
}
