using System.ComponentModel.DataAnnotations;

namespace NewsPipeline.Core.Model.Readers;

/// <summary>The <c>Reader</c> settings: accounts, tokens and logins of the Google Reader API.</summary>
public sealed class ReaderOptions
{
    public const string Section = "Reader";

    /// <summary>
    /// Whether an app may add a feed to the registry with <c>subscription/quickadd</c>. The registry is public (anonymous
    /// <c>/api/items</c> and <c>/api/feeds</c> show every feed), so a feed one account adds is seen by everyone.
    /// </summary>
    public bool AllowQuickAdd { get; set; } = true;

    /// <summary>How long a login token (<c>Auth=</c>) stays valid; the app logs in again after.</summary>
    [Range(1, 365)]
    public int TokenLifetimeDays { get; set; } = 30;

    /// <summary>Failed logins allowed per account, and per client address, within <see cref="LoginWindowMinutes"/>.</summary>
    [Range(1, 1000)]
    public int MaxFailedLogins { get; set; } = 5;

    /// <summary>Failed logins allowed from one client address within the window (several accounts may share one address).</summary>
    [Range(1, 10000)]
    public int MaxFailedLoginsPerAddress { get; set; } = 20;

    [Range(1, 1440)]
    public int LoginWindowMinutes { get; set; } = 15;

    /// <summary>
    /// The request header that names the client's address, when a front end stands between the client and the app (in
    /// Azure, <c>X-Forwarded-For</c>: the platform appends the address it saw, so the last entry is taken). Empty: the
    /// connection's own address (<c>newsfeed run</c>).
    /// </summary>
    public string ClientAddressHeader { get; set; } = string.Empty;

    /// <summary>
    /// Articles indexed within these seconds are left for the next call: one indexed a moment earlier may still be
    /// writing its change row (as <c>Api__ChangesSettleSeconds</c> for /api/changes, but short: an app polls).
    /// </summary>
    [Range(0, 600)]
    public int SyncSettleSeconds { get; set; } = 5;

    /// <summary>How far back a new account's or subscription's unread items reach: the items indexed in these days start unread.</summary>
    [Range(0, 365)]
    public int UnreadBackfillDays { get; set; } = 7;
}
