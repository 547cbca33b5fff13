using System.Text.Json;
using Azure;
using Microsoft.Extensions.Options;

namespace NewsPipeline.Cli.Hosting;

/// <summary>
/// What `newsfeed` prints when a command fails: the message and what to do, on stderr, and exit code 1. A stack
/// trace is for bug reports (<c>--verbose</c>), not for an operator who mistyped a setting.
/// </summary>
internal static partial class CommandErrors
{
    public const int ExitCode = 1;

    // program: the name the message starts with; the load tests (bench/) report through this too.
    public static int Report(Exception exception, bool verbose, TextWriter error, string program = "newsfeed")
    {
        ArgumentNullException.ThrowIfNull(error);
        var cause = Unwrap(exception);
        var (message, hint) = Describe(cause);
        error.WriteLine($"{program}: {message.Trim()}");
        if (hint is not null)
        {
            error.WriteLine(hint);
        }

        error.WriteLine(verbose ? exception.ToString() : "(run again with --verbose for the details)");
        return ExitCode;
    }

    private static (string Message, string? Hint) Describe(Exception e) => e switch
    {
        OptionsValidationException invalid => ($"a setting is not valid: {string.Join(" ", invalid.Failures)}", FixTheSetting),
        InvalidOperationException when NotConvertible().Match(e.Message) is { Success: true } setting =>
            ($"the setting {setting.Groups["key"].Value.Replace(":", "__", StringComparison.Ordinal)} ({setting.Groups["key"].Value}) is '{setting.Groups["value"].Value}', " +
             $"which is not {Kind(setting.Groups["type"].Value)}.", FixTheSetting),
        IOException { InnerException: Microsoft.AspNetCore.Connections.AddressInUseException } busy
            => (FirstLine(busy.Message), "Stop what listens there (another `newsfeed run`, `func start`?) or choose another port with --port."),
        RequestFailedException { Status: 403 or 401 } denied => ($"storage refused the credentials: {FirstLine(denied.Message)}",
            "Check the key or identity in ArticleStorage (\"UseDevelopmentStorage=true\" for Azurite)."),
        RequestFailedException failed => ($"storage answered an error: {FirstLine(failed.Message)}",
            "Check that storage is running (Azurite: `npm run azurite`) and that ArticleStorage points at it."),
        HttpRequestException or TimeoutException or TaskCanceledException => ($"storage or a server did not answer: {FirstLine(e.Message)}",
            "Check that storage is running (Azurite: `npm run azurite`) and that ArticleStorage points at it."),
        JsonException json => ($"a JSON file or setting cannot be read: {FirstLine(json.Message)}", null),
        FormatException or ArgumentException or InvalidOperationException or IOException or UnauthorizedAccessException
            => (WithoutParameterName(e.Message), null),
        _ => ($"{e.GetType().Name}: {FirstLine(e.Message)}", "This looks like a bug: please report it with the output of --verbose."),
    };

    private const string FixTheSetting = "Fix it where it is set (an environment variable or the --settings file), then run again.";

    // Configuration binding's own words for a value of the wrong type, which name the setting with ':' and a CLR type.
    [System.Text.RegularExpressions.GeneratedRegex(@"^Failed to convert configuration value '(?<value>.*)' at '(?<key>[^']+)' to type '(?<type>[^']+)'")]
    private static partial System.Text.RegularExpressions.Regex NotConvertible();

    private static string Kind(string clrType) => clrType switch
    {
        "System.Int32" or "System.Int64" or "System.Int16" => "a whole number",
        "System.Double" or "System.Single" or "System.Decimal" => "a number",
        "System.Boolean" => "true or false",
        "System.TimeSpan" => "a time span (hh:mm:ss)",
        "System.Uri" => "an absolute URL",
        _ => "a " + clrType[(clrType.LastIndexOf('.') + 1)..],
    };

    // The SDK retries and wraps; the hosting layer wraps start-up failures: the innermost one says what happened.
    private static Exception Unwrap(Exception e)
    {
        while (true)
        {
            switch (e)
            {
                case AggregateException { InnerExceptions.Count: > 0 } aggregate:
                    e = aggregate.InnerExceptions[^1];
                    continue;
                case System.Reflection.TargetInvocationException { InnerException: { } inner }:
                    e = inner;
                    continue;
                case RequestFailedException { Status: 0, InnerException: { } network }:
                    e = network;
                    continue;
                default:
                    return e;
            }
        }
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    /// <summary>An exception's message as a user may read it: its first line, without the parameter name .NET appends to argument errors.</summary>
    public static string PlainMessage(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return WithoutParameterName(exception.Message);
    }

    // .NET appends " (Parameter 'path')" to argument errors: the user never named a parameter.
    private static string WithoutParameterName(string message)
    {
        var at = message.LastIndexOf(" (Parameter '", StringComparison.Ordinal);
        return FirstLine(at > 0 ? message[..at] : message);
    }
}
