using System.Text.RegularExpressions;

namespace NewsPipeline.Core.Model.Readers;

/// <summary>
/// What a reader account may be called: what a person types into an app's login field (apps call it "Email" or
/// "Username"), so letters, digits and <c>. _ - @ +</c>, up to 64 characters. Names compare case-insensitively:
/// "Alice" and "alice" are one account.
/// </summary>
public static partial class ReaderAccountName
{
    public const int MaxLength = 64;

    /// <summary>The stored form (lower case), or null with the reason in the project's words.</summary>
    public static string? Normalize(string? name, out string? problem)
    {
        problem = null;
        var value = name?.Trim() ?? string.Empty;
        if (value.Length == 0)
        {
            problem = "An account needs a name.";
            return null;
        }

        if (value.Length > MaxLength || !Allowed().IsMatch(value))
        {
            problem = $"'{Shorten(value)}' cannot name an account: use up to {MaxLength} letters, digits and . _ - @ +.";
            return null;
        }

        return value.ToLowerInvariant();
    }

    private static string Shorten(string value) => value.Length > 40 ? value[..40] + "…" : value;

    [GeneratedRegex(@"^[\p{L}\p{Nd}._@+-]+$")]
    private static partial Regex Allowed();
}
