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
    public static CronExpression Parse(string? text, TimeProvider? clock = null)
    {
        var schedule = string.IsNullOrWhiteSpace(text) ? Default : text.Trim();
        var fields = schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if (fields is not (5 or 6))
        {
            throw Refused(schedule, $"it has {fields} fields, where six (seconds first) or five are expected");
        }

        CronExpression expression;
        try
        {
            expression = CronExpression.Parse(schedule, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
        }
        catch (CronFormatException e)
        {
            throw Refused(schedule, e.Message.TrimEnd('.'));
        }

        // "0 0 0 31 2 *" parses, but February has no 31st: a timer that never fires fetches nothing, silently, forever.
        if (expression.GetNextOccurrence((clock ?? TimeProvider.System).GetUtcNow(), TimeZoneInfo.Utc) is null)
        {
            throw Refused(schedule, "it never fires (no such date)");
        }

        return expression;
    }

    private static FormatException Refused(string schedule, string why) =>
        new($"The {SettingName} setting '{schedule}' is refused: {why}. Use six-field NCRONTAB with seconds first, for example '0 */15 * * * *' (every 15 minutes).");
}

/// <summary>The schedule as a setting, checked when either host starts (<c>ValidateOnStart</c>), never later.</summary>
public sealed class FetchScheduleOptions
{
    public string? FetchSchedule { get; set; }
}

internal sealed class FetchScheduleValidator(TimeProvider clock) : IValidateOptions<FetchScheduleOptions>
{
    public ValidateOptionsResult Validate(string? name, FetchScheduleOptions options)
    {
        try
        {
            Pipeline.FetchSchedule.Parse(options.FetchSchedule, clock);
            return ValidateOptionsResult.Success;
        }
        catch (FormatException e)
        {
            return ValidateOptionsResult.Fail(e.Message);
        }
    }
}
