using Microsoft.AspNetCore.Http;

namespace NewsPipeline.Core.Web.Api;

/// <summary>
/// The API's rules for a query string, one home for every route: a parameter the route does not know is refused by
/// name (a typo such as <c>limt=5</c> would otherwise quietly return the default page), and a value from a fixed list is
/// matched without regard to case (<c>format=RSS</c> and <c>lang=EN</c> alike).
/// </summary>
public static class QueryParameters
{
    /// <summary>Sent by clients that hold a function key to every route; never a query of ours.</summary>
    private const string FunctionKey = "code";

    /// <summary>The first parameter <paramref name="known"/> lacks, as a 400's detail; null when all are known.</summary>
    public static ParameterError? Unknown(IQueryCollection query, IReadOnlyCollection<string> known, string route)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(known);
        foreach (var name in query.Keys)
        {
            if (!known.Contains(name, StringComparer.Ordinal) && !string.Equals(name, FunctionKey, StringComparison.Ordinal))
            {
                var shown = name.Length > 40 ? name[..40] + "…" : name;
                return new ParameterError(shown, known.Count == 0
                    ? $"{route} takes no query parameters; got '{shown}'."
                    : $"{route} has no parameter '{shown}': it takes {string.Join(", ", known)}.");
            }
        }

        return null;
    }

    /// <summary>The allowed value <paramref name="value"/> names, whatever its case (the list's own spelling), or null.</summary>
    public static string? OneOf(string value, params string[] allowed) =>
        allowed.FirstOrDefault(a => string.Equals(a, value, StringComparison.OrdinalIgnoreCase));
}
