using System.Globalization;
using NewsPipeline.Core.Reading.Dates;

namespace NewsPipeline.Tests.Dates;

/// <summary>A date before 1970 is a date (kept, so it sorts where it belongs); one before year 1000 is a sentinel, not a date.</summary>
public sealed class FarPastDateTests
{
    [Theory]
    [InlineData("Mon, 01 Jan 1900 00:00:00 GMT", "1900-01-01T00:00:00Z")]
    [InlineData("1900-01-01T00:00:00Z", "1900-01-01T00:00:00Z")]
    [InlineData("Thu, 31 Dec 1969 23:00:00 -0100", "1970-01-01T00:00:00Z")]
    [InlineData("01 Jan 99 12:00 GMT", "1999-01-01T12:00:00Z")]
    [InlineData("01/02/1950 - 10:00", "1950-02-01T10:00:00Z")]
    public void Dates_before_1970_are_read(string text, string expected)
    {
        Assert.True(LenientDateParser.TryParse(text, out var date));
        Assert.Equal(DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture), date.Value);
    }

    [Theory]
    [InlineData("0001-01-01T00:00:00")]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("Mon, 01 Jan 0001 00:00:00 GMT")]
    [InlineData("Sat, 01 Jan 0999 00:00:00 +0100")]
    public void Sentinel_dates_before_year_1000_are_no_date(string text) =>
        Assert.False(LenientDateParser.TryParse(text, out _));
}
