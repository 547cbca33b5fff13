using Cronos;
using Microsoft.Extensions.Configuration;

namespace NewsPipeline.Core.Api;

/// <summary>
/// How long a client may reuse a response: until the next fetch pass (<c>FetchSchedule</c>), because nothing new
/// can arrive before it. After that, the ETag makes revalidation cost a 304.
/// </summary>
public sealed class ApiCachePolicy
{
    private const string DefaultSchedule = "0 */15 * * * *";
    private static readonly TimeSpan Fallback = TimeSpan.FromMinutes(1);
    private readonly CronExpression? schedule;
    private readonly TimeProvider time;

    public ApiCachePolicy(IConfiguration configuration, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        this.time = time;
        // An unreadable schedule already stops the fetch timer loudly; here it only shortens caching to a minute.
        schedule = CronExpression.TryParse(configuration["FetchSchedule"] ?? DefaultSchedule, CronFormat.IncludeSeconds, out var parsed) ? parsed : null;
    }

    public TimeSpan MaxAge()
    {
        var now = time.GetUtcNow();
        var next = schedule?.GetNextOccurrence(now, TimeZoneInfo.Utc);
        return next is { } at ? at - now : Fallback;
    }

    public string CacheControl() => $"public, max-age={(int)Math.Ceiling(MaxAge().TotalSeconds)}";
}
