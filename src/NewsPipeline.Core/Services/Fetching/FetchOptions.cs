using System.ComponentModel.DataAnnotations;

namespace NewsPipeline.Core.Services.Fetching;

/// <summary>Settings of the fetch stage (section <c>Fetch</c>, e.g. <c>Fetch__TimeoutSeconds</c> as an app setting).</summary>
public sealed class FetchOptions
{
    public const string Section = "Fetch";

    /// <summary>Per-attempt timeout; a feed that hangs longer fails alone.</summary>
    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>A response larger than this is refused before it is parsed.</summary>
    [Range(1024, 256 * 1024 * 1024)]
    public int MaxFeedBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>How many feeds are fetched at once (never more than one request at a time per host).</summary>
    [Range(1, 64)]
    public int MaxParallelFeeds { get; set; } = 4;

    /// <summary>Immediate retries of a transient failure (network error, timeout, 500/502/504).</summary>
    [Range(0, 5)]
    public int Retries { get; set; } = 2;

    /// <summary>Base delay between those retries (exponential with jitter).</summary>
    [Range(0, 60_000)]
    public int RetryDelayMilliseconds { get; set; } = 2000;

    [Range(0, 20)]
    public int MaxRedirects { get; set; } = 5;

    /// <summary>
    /// How far past the fetch time an item's date is still believed (clocks and zones disagree a little); an item dated
    /// later is filed under the fetch time, its date recorded as refused.
    /// </summary>
    [Range(0, 24 * 366)]
    public int FutureDateToleranceHours { get; set; } = 24;

    /// <summary>
    /// Skip the items a feed held at its last fetch without a storage request (on by default: a changed feed costs one
    /// upload per new item, not one per item). Turn off for one pass after blobs were deleted or restored, so that
    /// every item is checked against the store again and the missing ones are written.
    /// </summary>
    public bool SkipKnownItems { get; set; } = true;

    /// <summary>
    /// Whether feeds may be fetched from loopback, private, link-local, CGNAT, multicast and other non-public addresses.
    /// Off in the Functions app and in Azure (a feed's redirect to 169.254.169.254 would reach the instance metadata
    /// service): such an address is refused when connecting, after DNS, on every redirect hop. Every <c>newsfeed</c>
    /// command turns it on, since feeds on the local machine or network are the point there.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>Where the User-Agent points people who want to know who is fetching.</summary>
    [Required]
    public string ProjectUrl { get; set; } = "https://github.com/newspipeline/newspipeline";
}
