using System.ComponentModel.DataAnnotations;

namespace NewsPipeline.Core.Feeds.Fetching;

/// <summary>Settings of the fetch stage (section <c>Fetch</c>, e.g. <c>Fetch__TimeoutSeconds</c> as an app setting).</summary>
public sealed class FetchOptions
{
    public const string Section = "Fetch";

    /// <summary>Per-request timeout; a feed that hangs longer fails alone.</summary>
    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>A response larger than this is refused before it is parsed.</summary>
    [Range(1024, 256 * 1024 * 1024)]
    public int MaxFeedBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>How many feeds are fetched at once.</summary>
    [Range(1, 64)]
    public int MaxParallelFeeds { get; set; } = 4;

    /// <summary>Where the User-Agent points people who want to know who is fetching.</summary>
    [Required]
    public string ProjectUrl { get; set; } = "https://github.com/newspipeline/newspipeline";
}
