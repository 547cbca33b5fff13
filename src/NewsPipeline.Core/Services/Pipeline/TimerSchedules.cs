using Cronos;
using Microsoft.Extensions.Options;

namespace NewsPipeline.Core.Services.Pipeline;

/// <summary>
/// The <c>FetchSchedule</c> setting: when the scheduler looks for due feeds (each feed's own interval decides when it
/// is due). NCRONTAB as Azure Functions reads it, six fields with seconds first (<c>0 * * * * *</c>, every minute), or
/// the five-field form without seconds, which the Functions timer also accepts.
/// </summary>
public static class FetchSchedule
{
    public const string SettingName = "FetchSchedule";
    public const string Default = "0 * * * * *";

    /// <summary>The schedule, or a <see cref="FormatException"/> that names the setting and shows a good value.</summary>
    public static CronExpression Parse(string? text, TimeProvider? clock = null) => TimerSchedule.Parse(SettingName, Default, text, clock);
}

/// <summary>
/// The <c>ReconcileSchedule</c> setting: when reconciliation replays dead-lettered blob events and parses what has no
/// row (hourly, at twenty past, by default: infra/main.bicep's <c>reconcileSchedule</c> writes the same value).
/// </summary>
public static class ReconcileSchedule
{
    public const string SettingName = "ReconcileSchedule";
    public const string Default = "0 20 * * * *";

    public static CronExpression Parse(string? text, TimeProvider? clock = null) => TimerSchedule.Parse(SettingName, Default, text, clock);
}

/// <summary>The one reading of a timer setting: NCRONTAB as the Functions timer reads it, refused with a clear reason.</summary>
public static class TimerSchedule
{
    /// <summary>The schedule (<paramref name="fallback"/> when the setting is empty), or a <see cref="FormatException"/> naming the setting.</summary>
    public static CronExpression Parse(string settingName, string fallback, string? text, TimeProvider? clock = null)
    {
        var schedule = string.IsNullOrWhiteSpace(text) ? fallback : text.Trim();
        var fields = schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if (fields is not (5 or 6))
        {
            throw Refused(settingName, schedule, $"it has {fields} fields, where six (seconds first) or five are expected");
        }

        CronExpression expression;
        try
        {
            expression = CronExpression.Parse(schedule, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
        }
        catch (CronFormatException e)
        {
            throw Refused(settingName, schedule, e.Message.TrimEnd('.'));
        }

        // "0 0 0 31 2 *" parses, but February has no 31st: a timer that never fires does nothing, silently, forever.
        if (expression.GetNextOccurrence((clock ?? TimeProvider.System).GetUtcNow(), TimeZoneInfo.Utc) is null)
        {
            throw Refused(settingName, schedule, "it never fires (no such date)");
        }

        return expression;
    }

    private static FormatException Refused(string settingName, string schedule, string why) =>
        new($"The {settingName} setting '{schedule}' is refused: {why}. Use six-field NCRONTAB with seconds first, for example '0 */15 * * * *' (every 15 minutes).");
}

/// <summary>The timer settings, checked when either host starts (<c>ValidateOnStart</c>), never later.</summary>
public sealed class TimerScheduleOptions
{
    public string? FetchSchedule { get; set; }

    public string? ReconcileSchedule { get; set; }
}

internal sealed class TimerScheduleValidator(TimeProvider clock) : IValidateOptions<TimerScheduleOptions>
{
    public ValidateOptionsResult Validate(string? name, TimerScheduleOptions options)
    {
        var failures = new List<string>();
        foreach (var check in new Action[]
        {
            () => Pipeline.FetchSchedule.Parse(options.FetchSchedule, clock),
            () => Pipeline.ReconcileSchedule.Parse(options.ReconcileSchedule, clock),
        })
        {
            try
            {
                check();
            }
            catch (FormatException e)
            {
                failures.Add(e.Message);
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
