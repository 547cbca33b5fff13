using NewsPipeline.Cli.Commands;

namespace NewsPipeline.Tests.Cli;

/// <summary><c>newsfeed stats</c> prints a lag of 2,129,489 s as a person reads it.</summary>
public sealed class StatsFormatTests
{
    [Theory]
    [InlineData(0.85, "850 ms")]
    [InlineData(12.5, "12.5 s")]
    [InlineData(200, "3 min 20 s")]
    [InlineData(18_120, "5 h 2 min")]
    [InlineData(2_129_489, "24 d 15 h")]
    [InlineData(-90, "-1 min 30 s")]
    public void Durations_are_printed_in_the_two_largest_units_that_matter(double seconds, string expected) =>
        Assert.Equal(expected, StatsCommand.Duration(seconds));
}
