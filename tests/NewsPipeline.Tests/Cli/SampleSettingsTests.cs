using NewsPipeline.Cli.Hosting;
using NewsPipeline.Core.Model.Feeds;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Cli;

/// <summary>local.settings.sample.json works where the README says to put it, and its feed paths resolve from there.</summary>
public sealed class SampleSettingsTests
{
    [Fact]
    public void The_sample_copied_into_the_Functions_folder_names_the_demo_feed_and_allows_local_files()
    {
        var copy = Path.Combine(RepositoryPaths.Root, "src", "NewsPipeline.Functions", $"local.settings.test-{Guid.NewGuid():N}.json");
        File.Copy(Path.Combine(RepositoryPaths.Root, "local.settings.sample.json"), copy);
        try
        {
            var configuration = LocalConfiguration.Build(copy);
            var feeds = FeedSource.ParseList(configuration["Feeds"], bool.Parse(configuration["AllowLocalFeeds"]!));

            var demo = Assert.Single(feeds);
            Assert.Equal(Path.Combine(RepositoryPaths.Root, "src", "NewsPipeline.Cli", "demo", "demo-feed.xml"), demo.Location);
            Assert.True(File.Exists(demo.Location));
        }
        finally
        {
            File.Delete(copy);
        }
    }
}
