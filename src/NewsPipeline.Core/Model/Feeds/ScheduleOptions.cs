using System.ComponentModel.DataAnnotations;

namespace NewsPipeline.Core.Model.Feeds;

/// <summary>How feeds are scheduled, backed off and disabled (section <c>Schedule</c>, e.g. <c>Schedule__MaxIntervalMinutes</c>).</summary>
public sealed class ScheduleOptions : IValidatableObject
{
    public const string Section = "Schedule";

    /// <summary>A feed is never asked more often than this, however often it posts.</summary>
    [Range(1, 24 * 60)]
    public int MinIntervalMinutes { get; set; } = 15;

    /// <summary>A quiet feed is still asked this often; server hints (ttl, max-age) may not stretch it further.</summary>
    [Range(1, 7 * 24 * 60)]
    public int MaxIntervalMinutes { get; set; } = 24 * 60;

    /// <summary>The posting frequency is counted over the items published in this many days.</summary>
    [Range(1, 90)]
    public int FrequencyWindowDays { get; set; } = 7;

    /// <summary>After this many failures in a row the feed is disabled (until an operator enables it).</summary>
    [Range(1, 1000)]
    public int DisableAfterFailures { get; set; } = 10;

    /// <summary>The longest wait between tries of a failing feed (the backoff doubles from MinIntervalMinutes up to this).</summary>
    [Range(1, 7 * 24 * 60)]
    public int MaxBackoffMinutes { get; set; } = 12 * 60;

    /// <summary>How long a claimed feed waits for its worker before the scheduler counts the fetch lost and claims it again.</summary>
    [Range(1, 24 * 60)]
    public int ClaimLeaseMinutes { get; set; } = 30;

    /// <summary>Due feeds one scheduler run claims at most; the rest wait for the next minute.</summary>
    [Range(1, 1_000_000)]
    public int MaxClaimsPerRun { get; set; } = 20_000;

    /// <summary>A host's due feeds beyond this go into further messages, each visible later than the one before.</summary>
    [Range(1, 500)]
    public int MaxFeedsPerMessage { get; set; } = 100;

    /// <summary>The time one feed is expected to take, for spacing the messages of one host (politeness without a lock).</summary>
    [Range(1, 600)]
    public int SecondsPerFeed { get; set; } = 3;

    /// <summary>Claims sent at once by the scheduler (each is one table transaction).</summary>
    [Range(1, 256)]
    public int ClaimParallelism { get; set; } = 16;

    /// <summary>Registry partitions (fixed once feeds exist): the due index is per partition, so claims spread over them.</summary>
    [Range(1, 64)]
    public int Partitions { get; set; } = 1;

    /// <summary>Deliveries of a fetch message before it goes to the poison queue (host.json queues.maxDequeueCount says the same).</summary>
    [Range(1, 100)]
    public int MaxDequeueCount { get; set; } = 5;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MinIntervalMinutes > MaxIntervalMinutes)
        {
            yield return new ValidationResult($"Schedule:MinIntervalMinutes ({MinIntervalMinutes}) is above Schedule:MaxIntervalMinutes ({MaxIntervalMinutes}).");
        }
    }
}
