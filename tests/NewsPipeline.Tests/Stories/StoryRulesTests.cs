using NewsPipeline.Core.Reading.Stories;
using NewsPipeline.Core.Services.Pipeline;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Stories;

/// <summary>
/// The rules a story follows, on small original fixtures (Fixtures/stories): one event reported in Simplified and
/// Traditional script is one story; another party's response to it, and the next step of an affair, are others;
/// English wire copy republished with edits is one story, and the aid that follows the event is another.
/// </summary>
public sealed class StoryRulesTests
{
    private static async Task<Dictionary<string, string>> StoriesAsync()
    {
        var files = await FolderClustering.ClusterAsync([RepositoryPaths.Fixture("stories")], new StorySettings(), CancellationToken.None);
        Assert.All(files, f => Assert.Null(f.Error));
        return files.ToDictionary(f => Path.GetFileNameWithoutExtension(f.File), f => f.Story!);
    }

    [Fact]
    public async Task A_Traditional_script_report_joins_the_Simplified_report_of_the_same_event()
    {
        var stories = await StoriesAsync();
        Assert.Equal(stories["dw-port-law"], stories["rfi-port-law-hant"]);
    }

    [Fact]
    public async Task Another_partys_response_to_an_action_is_another_story()
    {
        var stories = await StoriesAsync();
        Assert.NotEqual(stories["dw-port-law"], stories["voa-port-law-response"]);
    }

    [Fact]
    public async Task The_next_step_of_an_affair_is_another_story()
    {
        var stories = await StoriesAsync();
        Assert.NotEqual(stories["bbc-rail-strike"], stories["bbc-rail-strike-talks"]);
    }

    [Fact]
    public async Task English_wire_copy_republished_with_edits_is_one_story_and_the_aid_that_follows_is_another()
    {
        var stories = await StoriesAsync();
        Assert.Equal(stories["reuters-en-quake"], stories["ap-en-quake"]);
        Assert.NotEqual(stories["reuters-en-quake"], stories["ap-en-quake-aid"]);
    }

    [Fact]
    public async Task A_story_is_named_by_its_first_report()
    {
        var files = await FolderClustering.ClusterAsync([RepositoryPaths.Fixture("stories")], new StorySettings(), CancellationToken.None);
        var first = files.Single(f => f.File.EndsWith("dw-port-law.md", StringComparison.Ordinal));
        Assert.Equal(first.ArticleId, first.Story);
    }

    [Theory]
    [InlineData("香港國家安全法", "香港国家安全法")]
    [InlineData("議會全票通過 後來發表", "议会全票通过 后来发表")]
    [InlineData("ＴｉｋＴｏｋ禁令２０２０", "tiktok禁令2020")]
    public void Text_is_compared_folded_to_Simplified_script_NFKC_and_lower_case(string text, string folded) =>
        Assert.Equal(folded, StoryFeatures.Fold(text));

    [Fact]
    public void Terms_are_character_pairs_without_spaces_and_whole_words_and_numbers_with_them()
    {
        var terms = StoryFeatures.Terms("India bans 59 apps, 印度禁用59个应用", "A 6.4 quake; 2,340 dollars.");
        Assert.Contains("印度", terms.Keys);
        Assert.Contains("禁用", terms.Keys);
        Assert.Contains("59", terms.Keys);
        Assert.Contains("india", terms.Keys);
        Assert.Contains("6.4", terms.Keys);
        Assert.Contains("2340", terms.Keys);
        Assert.DoesNotContain("a", terms.Keys);
        // A title term weighs more than a lead term.
        Assert.True(terms["india"] > terms["quake"]);
    }

    [Fact]
    public void A_vector_and_a_frequency_sketch_survive_their_bytes()
    {
        var sketch = new FrequencySketch();
        var terms = StoryFeatures.Terms("议会全票通过港口安全法", "海关可扣押可疑货船").ToDictionary(t => StoryFeatures.Hash(t.Key), t => t.Value);
        sketch.Add(terms.Keys);
        sketch.Add(terms.Keys.Take(3));
        var copy = FrequencySketch.FromBytes(sketch.ToBytes());
        Assert.Equal(2, copy.Documents);
        Assert.Equal(2, copy.Count(terms.Keys.First()));

        var vector = StoryVector.From(terms, terms, sketch, 48);
        var again = StoryVector.FromBytes(vector.ToBytes());
        Assert.Equal(1.0, again.Similarity(vector, copy, 0.5), 3);
    }
}
