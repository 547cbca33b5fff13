namespace NewsPipeline.Core.Model.Feeds;

/// <summary>The feed list, from the <c>Feeds</c> app setting (read on every pass, so a changed setting applies without a redeploy).</summary>
public sealed class FeedListOptions
{
    public string? Feeds { get; set; }

    /// <summary>Whether feeds may be local files: <c>newsfeed</c> sets it (setting <c>AllowLocalFeeds</c>); the Functions app does not.</summary>
    public bool AllowLocalFeeds { get; set; }

    public IReadOnlyList<FeedSource> Parse() => FeedSource.ParseList(Feeds, AllowLocalFeeds);
}
