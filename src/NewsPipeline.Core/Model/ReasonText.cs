namespace NewsPipeline.Core.Model;

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
}
