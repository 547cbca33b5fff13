using System.Text.Json;
using NewsPipeline.Core.Services.Pipeline;
using NewsPipeline.Functions;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Stories;

/// <summary>
/// Stories through the whole pipeline on Azurite: feeds fetched, blobs parsed, stories found as each article is
/// indexed, and served by the Functions' own classes.
/// </summary>
public sealed class StoryPipelineTests
{
    private const string Law = StoryFeeds.Law;
    private const string LawTraditional = StoryFeeds.LawTraditional;
    private const string Response = StoryFeeds.Response;
    private const string Strike = "https://dw.example/zh/rail-strike";

    [Fact]
    public async Task Two_feeds_reports_of_one_event_are_one_story_and_the_response_to_it_another()
    {
        await using var server = await FeedServer.StartAsync();
        var dw = server.Serve("dw.xml", StoryFeeds.Rss("DW", StoryFeeds.LawItem, StoryFeeds.StrikeItem(Strike, "03:00")));
        var rfi = server.Serve("rfi.xml", StoryFeeds.Rss("RFI", StoryFeeds.LawTraditionalItem));
        var voa = server.Serve("voa.xml", StoryFeeds.Rss("VOA", StoryFeeds.ResponseItem));
        // The rest of the day's news, as a window holds it: the country, its port, its customs and its neighbour in
        // other events. In a window of only the four reports above, every shared word looks rare (docs/performance/stories.md).
        var ft = server.Serve("ft.xml", StoryFeeds.Rss("FT", StoryFeeds.Background));
        await using var pipeline = await TestPipeline.CreateAsync($"dw={dw};rfi={rfi};voa={voa};ft={ft}",
            new Dictionary<string, string?> { ["Api:ChangesSettleSeconds"] = "0" });

        var blobs = await StoryFeeds.FetchAndParseAsync(pipeline);
        Assert.Equal(4 + StoryFeeds.Background.Length, blobs.Count);
        var stories = await StoriesByUrlAsync(pipeline);
        Assert.Equal(stories[Law], stories[LawTraditional]);
        Assert.NotEqual(stories[Law], stories[Response]);
        Assert.NotEqual(stories[Law], stories[Strike]);
        Assert.NotEqual(stories[Response], stories[Strike]);

        // The story is named by its first report, and lists both outlets and both reports.
        var listed = Json(await StoryFeeds.GetAsync(pipeline, "/api/stories", c => pipeline.Create<LatestStories>().Run(c.Request)));
        var all = listed.GetProperty("stories").EnumerateArray().ToList();
        // The law (two reports), the response, the strike, and each of the day's other events alone.
        Assert.Equal(3 + StoryFeeds.Background.Length, all.Count);
        var law = all.Single(s => s.GetProperty("id").GetString() == stories[Law]);
        Assert.Equal(["dw", "rfi"], law.GetProperty("outlets").EnumerateArray().Select(o => o.GetString()!).ToArray());
        Assert.Equal(2, law.GetProperty("reports").GetInt32());
        var firstReport = law.GetProperty("items").EnumerateArray().First();
        Assert.Equal(stories[Law], firstReport.GetProperty("id").GetString());
        Assert.Equal("鲁里塔尼亚议会全票通过港口安全法", law.GetProperty("title").GetString());

        var one = await StoryFeeds.GetAsync(pipeline, "/api/stories/" + stories[Law], c => pipeline.Create<StoryById>().Run(c.Request, stories[Law]));
        Assert.Equal(200, one.Response.StatusCode);
        Assert.Equal(2, Json(one).GetProperty("items").GetArrayLength());
        var missing = await StoryFeeds.GetAsync(pipeline, "/api/stories/0000", c => pipeline.Create<StoryById>().Run(c.Request, "0000"));
        Assert.Equal(404, missing.Response.StatusCode);

        var members = Json(await StoryFeeds.GetAsync(pipeline, "/api/items?story=" + stories[Law], c => pipeline.Create<LatestItems>().Run(c.Request)));
        Assert.Equal([Law, LawTraditional], members.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("url").GetString()!).Order(StringComparer.Ordinal).ToArray());

        // The change feed carries each article's story as it was known on arrival.
        var changes = Json(await StoryFeeds.GetAsync(pipeline, "/api/changes?limit=10", c => pipeline.Create<ItemChanges>().Run(c.Request)));
        Assert.All(changes.GetProperty("items").EnumerateArray(), i => Assert.Equal(stories[i.GetProperty("url").GetString()!], i.GetProperty("story").GetString()));

        // Parsed again (a reindex, a redelivery): every article keeps its story.
        foreach (var name in blobs)
        {
            Assert.True((await pipeline.Get<ParseService>().ParseBlobAsync(name, reparse: true, CancellationToken.None)).Succeeded);
        }

        Assert.Equal(stories, await StoriesByUrlAsync(pipeline));
    }


    private static async Task<Dictionary<string, string>> StoriesByUrlAsync(TestPipeline pipeline)
    {
        var page = Json(await StoryFeeds.GetAsync(pipeline, "/api/items?limit=100", c => pipeline.Create<LatestItems>().Run(c.Request)));
        return page.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("url").GetString()!, i => i.GetProperty("story").GetString()!);
    }

    private static JsonElement Json(Microsoft.AspNetCore.Http.HttpContext context)
    {
        Assert.Equal(200, context.Response.StatusCode);
        return HttpContexts.Json(context);
    }
}
