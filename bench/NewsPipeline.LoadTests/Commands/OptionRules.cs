using System.CommandLine;
using System.Globalization;

namespace NewsPipeline.LoadTests.Commands;

/// <summary>
/// Bounds on numeric options, checked when the command line is read, before Azurite starts: a zero or a typo would
/// otherwise surface minutes later as an index out of range or a dictionary miss.
/// </summary>
internal static class OptionRules
{
    public static void AtLeast(Option<int> option, int minimum) => option.Validators.Add(result =>
    {
        if (result.GetValueOrDefault<int>() < minimum)
        {
            result.AddError($"{option.Name} must be {minimum} or more; got {result.GetValueOrDefault<int>()}.");
        }
    });

    public static void InRange(Option<int> option, int min, int max, string why = "")
    {
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<int>();
            if (value < min || value > max)
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{option.Name} must be between {min:N0} and {max:N0}{(why.Length > 0 ? " " + why : "")}; {value:N0} was given."));
            }
        });
    }
}
