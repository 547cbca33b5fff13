namespace NewsPipeline.Core;

/// <summary>
/// The one rule for a reason shown inside a sentence ("Could not parse x: {reason}. The blob is kept …"): the reason
/// carries no final period, the sentence around it ends it. Messages of .NET and the Azure SDK end with one, so
/// every reason that reaches a template or a failure message passes through here rather than ending twice.
/// </summary>
public static class ReasonText
{
    public static string WithoutFinalPeriod(string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        var trimmed = reason.TrimEnd();
        // An ellipsis ("...") is left as written; one period is the sentence's end.
        return trimmed.EndsWith('.') && !trimmed.EndsWith("..", StringComparison.Ordinal) ? trimmed[..^1] : trimmed;
    }

    /// <summary>
    /// What went wrong in one line, for an operator: the innermost cause of the SDK's wrappers (its retries'
    /// AggregateException, a RequestFailedException of status 0 around the network error), its first line, no final period.
    /// </summary>
    public static string Of(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return WithoutFinalPeriod(Innermost(exception).Message.Split('\n', 2)[0].Trim());
    }

    private static Exception Innermost(Exception e) => e switch
    {
        AggregateException { InnerExceptions.Count: > 0 } aggregate => Innermost(aggregate.InnerExceptions[^1]),
        Azure.RequestFailedException { Status: 0, InnerException: { } network } => Innermost(network),
        _ => e,
    };
}
