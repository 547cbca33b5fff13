using System.ComponentModel.DataAnnotations;

namespace NewsPipeline.Core.Services.Pipeline;

/// <summary>The reconciliation pass (<c>Reconcile__*</c>): which days it checks and which blobs it leaves to their own delivery.</summary>
public sealed class ReconcileOptions
{
    public const string Section = "Reconcile";

    /// <summary>Days checked, today (UTC) included: blobs filed under them with no row and no failure are parsed.</summary>
    [Range(1, 62)]
    public int Days { get; set; } = 2;

    /// <summary>
    /// A blob written less than this long ago is left to its own Event Grid delivery, which may still be on its way
    /// or retrying; parsing it twice would be harmless, only wasted.
    /// </summary>
    [Range(0, 24 * 60)]
    public int SettleMinutes { get; set; } = 15;

    /// <summary>Dead-letter blobs replayed per pass: a backlog is worked off over several passes, each bounded.</summary>
    [Range(1, 100_000)]
    public int MaxDeadLetters { get; set; } = 500;
}
