using NewsPipeline.Core.Model;

namespace NewsPipeline.Core.Storage;

/// <summary>What a storage call's failure says, in one line, for an operator's log.</summary>
public static class StorageFailure
{
    /// <summary>
    /// The innermost cause of the SDK's wrappers (its retries' AggregateException, a RequestFailedException of status 0
    /// around the network error), its first line, no final period (<see cref="ReasonText"/>).
    /// </summary>
    public static string ReasonOf(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return ReasonText.WithoutFinalPeriod(Innermost(exception).Message.Split('\n', 2)[0].Trim());
    }

    private static Exception Innermost(Exception e) => e switch
    {
        AggregateException { InnerExceptions.Count: > 0 } aggregate => Innermost(aggregate.InnerExceptions[^1]),
        Azure.RequestFailedException { Status: 0, InnerException: { } network } => Innermost(network),
        _ => e,
    };
}
