using System.Globalization;
using NewsPipeline.Core.Reading.Dates;

namespace NewsPipeline.Tests.Dates;

public sealed class LenientDateParserTests
{
    [Theory]
    [InlineData("Fri, 31 Dec 2021 03:04:00 GMT", "2021-12-31T03:04:00Z")]
    [InlineData("31 Dec 2021 03:04:00 GMT", "2021-12-31T03:04:00Z")]
    [InlineData("Fri, 1 Jan 2021 03:04 +0800", "2020-12-31T19:04:00Z")]
    [InlineData("Sat, 02 Jan 21 10:00:00 EST", "2021-01-02T15:00:00Z")]
    [InlineData("Tue, 24 Nov 2026 14:05:00 +01:00", "2026-11-24T13:05:00Z")]
    [InlineData("2021-12-31T03:04:00Z", "2021-12-31T03:04:00Z")]
    [InlineData("2021-12-31T11:04:00+08:00", "2021-12-31T03:04:00Z")]
    [InlineData("2021-12-31T03:04:00.123Z", "2021-12-31T03:04:00.123Z")]
    [InlineData("mar., 5 janv. 2021 10:00:00 +0100", "2021-01-05T09:00:00Z")]
    public void Dates_with_a_zone_are_read_exactly(string text, string expected)
    {
        Assert.True(LenientDateParser.TryParse(text, out var date));
        Assert.True(date.HasZone);
        Assert.Equal(DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture), date.Value);
    }

    [Theory]
    [InlineData("2021-12-31 11:04", "2021-12-31T11:04:00Z")]
    [InlineData("2021-12-31T11:04:00", "2021-12-31T11:04:00Z")]
    [InlineData("2021年 12月 31日", "2021-12-31T00:00:00Z")]
    [InlineData("2021年12月31日 11:04", "2021-12-31T11:04:00Z")]
    [InlineData("31/12/2021 - 11:04", "2021-12-31T11:04:00Z")]
    [InlineData("Fri, 31 Dec 2021 11:04:00", "2021-12-31T11:04:00Z")]
    public void Naive_dates_are_read_as_UTC_and_marked_without_zone(string text, string expected)
    {
        Assert.True(LenientDateParser.TryParse(text, out var date));
        Assert.False(date.HasZone);
        Assert.Equal(DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture), date.Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("31 Foo 2021 10:00 GMT")]
    [InlineData("2021-02-30T10:00:00Z")]
    [InlineData("32/12/2021 - 11:04")]
    public void Unreadable_dates_are_refused(string text)
    {
        Assert.False(LenientDateParser.TryParse(text, out _));
    }
}
