using System.Globalization;
using System.Text.RegularExpressions;

namespace NewsPipeline.Core.Reading.Dates;

/// <summary>A date read from text, and whether the text said which time zone it is in.</summary>
/// <param name="HasZone">False for naive times ("2021-12-31 11:04", "31/12/2021 - 11:04"): read as UTC, but only a hint.</param>
public readonly record struct ParsedDate(DateTimeOffset Value, bool HasZone);

/// <summary>
/// Reads the dates that feeds and article headers really carry: RFC 822/1123 with or without the weekday,
/// one-digit days, two-digit years, zone names or offsets; ISO 8601 with or without a zone; the Chinese
/// date-only form; and <c>dd/MM/yyyy - HH:mm</c>.
/// </summary>
public static partial class LenientDateParser
{
    private static readonly Dictionary<string, int> ZoneOffsetsInHours = new(StringComparer.OrdinalIgnoreCase)
    {
        ["GMT"] = 0, ["UT"] = 0, ["UTC"] = 0, ["Z"] = 0,
        ["EST"] = -5, ["EDT"] = -4, ["CST"] = -6, ["CDT"] = -5,
        ["MST"] = -7, ["MDT"] = -6, ["PST"] = -8, ["PDT"] = -7,
        ["BST"] = 1, ["CET"] = 1, ["CEST"] = 2, ["HKT"] = 8, ["JST"] = 9, ["KST"] = 9,
    };

    private const int MinYear = 1000;

    // Abbreviations that name different zones in different places: "CST" is US Central (UTC−6) in American feeds and
    // China Standard Time (UTC+8) in Chinese ones, which write it in their RFC 822 dates as often as "+0800".
    private static readonly Dictionary<string, int> ChineseZoneOffsetsInHours = new(StringComparer.OrdinalIgnoreCase)
    {
        ["CST"] = 8,
    };

    public static bool TryParse(string? text, out ParsedDate date) => TryParse(text, null, out date);

    /// <param name="language">The BCP 47 language of the feed or document the date is from; it decides ambiguous zone names.</param>
    public static bool TryParse(string? text, string? language, out ParsedDate date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        // Most dates are already single-spaced and trimmed; only the others go through the regex.
        var value = IsNormalized(text) ? text : Whitespace().Replace(text.Replace('\u00A0', ' ').Replace('\u3000', ' '), " ").Trim();
        if (TryParseCommon(value, language, out date))
        {
            return true;
        }

        return TryParseRfc822(value, language, out date)
            || TryParseIso8601(value, out date)
            || TryParseChinese(value, out date)
            || TryParseDayMonthYear(value, out date);
    }

    // True when whitespace normalization would leave the text as it is: no whitespace but single spaces between words.
    private static bool IsNormalized(string text)
    {
        var previousSpace = true;
        foreach (var c in text)
        {
            if (c == ' ')
            {
                if (previousSpace)
                {
                    return false;
                }

                previousSpace = true;
            }
            else if (c <= '\u007F' ? c is '\t' or '\n' or '\v' or '\f' or '\r' : char.IsWhiteSpace(c))
            {
                return false;
            }
            else
            {
                previousSpace = false;
            }
        }

        return !previousSpace;
    }

    /// <summary>
    /// The two shapes nearly every feed date has, read without a regex: RFC 1123 (<c>Tue, 24 Nov 2026 09:40:11 +0000</c>,
    /// or a zone name) and ISO 8601 to the second (<c>2026-11-24T09:40:11Z</c>, or an offset). Only text of exactly
    /// those shapes is taken, and it is read as the general rules below read it; anything else is left to them.
    /// </summary>
    private static bool TryParseCommon(string value, string? language, out ParsedDate date)
    {
        date = default;
        var s = value.AsSpan();
        if (s.Length >= 20 && s[4] == '-' && s[7] == '-' && s[10] == 'T' && s[13] == ':' && s[16] == ':')
        {
            // ISO 8601: the zone is "Z" or "+hh:mm"; seconds without a fraction. Years past 9998 and offsets of 14 hours
            // or more are left to the general rule, which knows the edges of DateTimeOffset.
            if (!Digits(s[..4], out var year) || !Digits(s.Slice(5, 2), out var month) || !Digits(s.Slice(8, 2), out var day)
                || !Digits(s.Slice(11, 2), out var hour) || !Digits(s.Slice(14, 2), out var minute) || !Digits(s.Slice(17, 2), out var second)
                || year is < MinYear or > 9998 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
                || hour > 23 || minute > 59 || second > 59)
            {
                return false;
            }

            TimeSpan offset;
            if (s.Length == 20 && s[19] == 'Z')
            {
                offset = TimeSpan.Zero;
            }
            else if (s.Length == 25 && s[19] is '+' or '-' && s[22] == ':' && Digits(s.Slice(20, 2), out var oh) && Digits(s.Slice(23, 2), out var om) && oh < 14 && om < 60)
            {
                offset = new TimeSpan(oh, om, 0) * (s[19] == '-' ? -1 : 1);
            }
            else
            {
                return false;
            }

            date = new ParsedDate(new DateTimeOffset(year, month, day, hour, minute, second, offset).ToUniversalTime(), true);
            return true;
        }

        // RFC 1123: "Ddd, d[d] Mmm yyyy hh:mm:ss[ zone]", the zone letters or +hhmm/-hhmm.
        if (s.Length < 24 || !char.IsAsciiLetter(s[0]) || !char.IsAsciiLetter(s[1]) || !char.IsAsciiLetter(s[2]) || s[3] != ',' || s[4] != ' ')
        {
            return false;
        }

        var rest = s[5..];
        var dayLength = rest.Length > 1 && char.IsAsciiDigit(rest[1]) ? 2 : 1;
        if (!Digits(rest[..dayLength], out var d) || rest.Length < dayLength + 19)
        {
            return false;
        }

        rest = rest[dayLength..];
        // " Mmm yyyy hh:mm:ss"
        if (rest[0] != ' ' || !char.IsAsciiLetter(rest[1]) || !char.IsAsciiLetter(rest[2]) || !char.IsAsciiLetter(rest[3]) || rest[4] != ' '
            || !Digits(rest.Slice(5, 4), out var y) || rest[9] != ' ' || !Digits(rest.Slice(10, 2), out var hh) || rest[12] != ':'
            || !Digits(rest.Slice(13, 2), out var mm) || rest[15] != ':' || !Digits(rest.Slice(16, 2), out var ss))
        {
            return false;
        }

        var zone = rest[18..];
        if (zone.Length > 0)
        {
            if (zone[0] != ' ')
            {
                return false;
            }

            zone = zone[1..];
            var letters = zone.Length is >= 1 and <= 5 && !zone.ContainsAnyExcept(AsciiLetters);
            var numeric = zone.Length == 5 && zone[0] is '+' or '-' && Digits(zone[1..], out _);
            if (!letters && !numeric)
            {
                return false;
            }
        }

        if (!MonthNames.TryGetMonth(rest.Slice(1, 3).ToString(), out var m))
        {
            return false;
        }

        var offsetFound = TimeSpan.Zero;
        var hasZone = zone.Length > 0 && TryReadZone(zone.ToString(), language, out offsetFound);
        return TryBuild(y, m, d, hh, mm, ss, offsetFound, hasZone, out date);
    }

    private static readonly System.Buffers.SearchValues<char> AsciiLetters =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    private static bool Digits(ReadOnlySpan<char> span, out int value)
    {
        value = 0;
        foreach (var c in span)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return span.Length > 0;
    }

    public static DateTimeOffset? ParseOrNull(string? text) => TryParse(text, out var date) ? date.Value : null;

    private static bool TryParseRfc822(string value, string? language, out ParsedDate date)
    {
        date = default;
        var match = Rfc822().Match(value);
        if (!match.Success || !MonthNames.TryGetMonth(match.Groups["month"].Value, out var month))
        {
            return false;
        }

        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        // Only a two-digit year is a short form ("21" is 2021); "0021" is what it says.
        if (match.Groups["year"].Value.Length == 2)
        {
            year += year < 70 ? 2000 : 1900;
        }

        var zone = match.Groups["zone"].Value;
        TimeSpan offset = TimeSpan.Zero;
        var hasZone = zone.Length > 0 && TryReadZone(zone, language, out offset);
        return TryBuild(year, month, match.Groups["day"].Value, match.Groups["hour"].Value, match.Groups["minute"].Value,
            match.Groups["second"].Value, offset, hasZone, out date);
    }

    private static bool TryParseIso8601(string value, out ParsedDate date)
    {
        date = default;
        if (!IsoShape().IsMatch(value))
        {
            return false;
        }

        var hasZone = IsoZone().IsMatch(value);
        if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var parsed))
        {
            return false;
        }

        if (parsed.Year < MinYear)
        {
            return false;
        }

        date = new ParsedDate(parsed.ToUniversalTime(), hasZone);
        return true;
    }

    private static bool TryParseChinese(string value, out ParsedDate date)
    {
        date = default;
        var match = ChineseDate().Match(value);
        return match.Success && TryBuild(int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture),
            int.Parse(match.Groups["month"].Value, CultureInfo.InvariantCulture), match.Groups["day"].Value,
            match.Groups["hour"].Value, match.Groups["minute"].Value, string.Empty, TimeSpan.Zero, false, out date);
    }

    private static bool TryParseDayMonthYear(string value, out ParsedDate date)
    {
        date = default;
        var match = DayMonthYear().Match(value);
        return match.Success && TryBuild(int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture),
            int.Parse(match.Groups["month"].Value, CultureInfo.InvariantCulture), match.Groups["day"].Value,
            match.Groups["hour"].Value, match.Groups["minute"].Value, string.Empty, TimeSpan.Zero, false, out date);
    }

    private static bool TryReadZone(string zone, string? language, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        var chinese = language is not null && (language.Equals("zh", StringComparison.OrdinalIgnoreCase)
            || language.StartsWith("zh-", StringComparison.OrdinalIgnoreCase) || language.StartsWith("zh_", StringComparison.OrdinalIgnoreCase));
        if ((chinese && ChineseZoneOffsetsInHours.TryGetValue(zone, out var hours)) || ZoneOffsetsInHours.TryGetValue(zone, out hours))
        {
            offset = TimeSpan.FromHours(hours);
            return true;
        }

        var digits = zone.Replace(":", string.Empty, StringComparison.Ordinal);
        if (digits.Length == 5 && (digits[0] == '+' || digits[0] == '-')
            && int.TryParse(digits.AsSpan(1, 2), CultureInfo.InvariantCulture, out var h)
            && int.TryParse(digits.AsSpan(3, 2), CultureInfo.InvariantCulture, out var m) && h <= 14 && m < 60)
        {
            offset = new TimeSpan(h, m, 0) * (digits[0] == '-' ? -1 : 1);
            return true;
        }

        return false;
    }

    private static bool TryBuild(int year, int month, string day, string hour, string minute, string second,
        TimeSpan offset, bool hasZone, out ParsedDate date) =>
        TryBuild(year, month, int.Parse(day, CultureInfo.InvariantCulture),
            hour.Length > 0 ? int.Parse(hour, CultureInfo.InvariantCulture) : 0,
            minute.Length > 0 ? int.Parse(minute, CultureInfo.InvariantCulture) : 0,
            second.Length > 0 ? int.Parse(second, CultureInfo.InvariantCulture) : 0, offset, hasZone, out date);

    private static bool TryBuild(int year, int month, int d, int hh, int mm, int ss, TimeSpan offset, bool hasZone, out ParsedDate date)
    {
        date = default;
        // Dates before 1970 are kept, not dropped: a feed's "1900" placeholder read as no date at all would be filed
        // under the fetch time and top every list. Before year 1000 it is no date but a sentinel (DateTime.MinValue).
        if (year is < MinYear or > 9999 || month is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(year, month)
            || hh > 23 || mm > 59 || ss > 60)
        {
            return false;
        }

        date = new ParsedDate(new DateTimeOffset(year, month, d, hh, mm, Math.Min(ss, 59), offset).ToUniversalTime(), hasZone);
        return true;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^(?:\p{L}{2,12}\.?,?\s*)?(?<day>\d{1,2})\s+(?<month>\p{L}{3,12})\.?,?\s+(?<year>\d{2,4}),?\s+(?<hour>\d{1,2}):(?<minute>\d{2})(?::(?<second>\d{2}))?(?:\s*(?<zone>[A-Za-z]{1,5}|[+-]\d{2}:?\d{2}))?(?:\s*\(.*\))?$")]
    private static partial Regex Rfc822();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?$", RegexOptions.IgnoreCase)]
    private static partial Regex IsoShape();

    [GeneratedRegex(@"(?:Z|[+-]\d{2}:?\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex IsoZone();

    [GeneratedRegex(@"(?<year>\d{4})\s*年\s*(?<month>\d{1,2})\s*月\s*(?<day>\d{1,2})\s*日(?:\s*(?<hour>\d{1,2})[:：](?<minute>\d{2}))?")]
    private static partial Regex ChineseDate();

    [GeneratedRegex(@"^(?<day>\d{1,2})/(?<month>\d{1,2})/(?<year>\d{4})(?:\s*-?\s*(?<hour>\d{1,2}):(?<minute>\d{2}))?$")]
    private static partial Regex DayMonthYear();
}
