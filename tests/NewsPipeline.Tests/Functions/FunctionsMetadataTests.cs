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
    public void The_app_has_the_three_pipeline_functions_and_the_feed_status_endpoint()
    {
        Assert.Equal(["FeedStatus", "FetchArticles", "LatestItems", "ParseArticle"], Functions.Select(f => f.GetProperty("name").GetString()!).Order().ToArray());
    }

    [Fact]
    public void FetchArticles_is_a_timer_on_the_FetchSchedule_setting()
    {
        var trigger = TriggerOf("FetchArticles");
        Assert.Equal("timerTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("%FetchSchedule%", trigger.GetProperty("schedule").GetString());
        Assert.False(trigger.TryGetProperty("runOnStartup", out var runOnStartup) && runOnStartup.GetBoolean());
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

    [Fact]
    public void LatestItems_is_an_anonymous_http_GET_on_items()
    {
        var trigger = TriggerOf("LatestItems");
        Assert.Equal("httpTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal(["get"], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToLowerInvariant()).ToArray());
        Assert.Equal("items", trigger.GetProperty("route").GetString());
    }

    [Fact]
    public void FeedStatus_is_an_anonymous_http_GET_on_feeds()
    {
        var trigger = TriggerOf("FeedStatus");
        Assert.Equal("httpTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("feeds", trigger.GetProperty("route").GetString());
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
