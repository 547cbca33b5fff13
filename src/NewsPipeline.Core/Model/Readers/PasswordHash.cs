using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace NewsPipeline.Core.Model.Readers;

/// <summary>
/// Reader passwords as stored: PBKDF2 with HMAC-SHA-256 from the framework, a 16-byte random salt and 600,000
/// iterations (OWASP's 2023 figure for this hash), written <c>pbkdf2-sha256${iterations}${salt}${hash}</c> so the count
/// can rise later without locking anyone out. Verified in constant time.
/// </summary>
public static class PasswordHash
{
    public const int Iterations = 600_000;
    private const string Scheme = "pbkdf2-sha256";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public static string Create(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA256, HashBytes);
        return string.Join('$', Scheme, Iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    /// <summary>Whether <paramref name="password"/> gives <paramref name="stored"/>; false for a stored value of another shape.</summary>
    public static bool Verify(string password, string stored)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(stored);
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations < 1)
        {
            return false;
        }

        try
        {
            var salt = Convert.FromBase64String(parts[2]);
            var expected = Convert.FromBase64String(parts[3]);
            var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
            return CryptographicOperations.FixedTimeEquals(actual, expected);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>
    /// Burns the time a verification takes, for a name that has no account: a login answers as slowly for a
    /// wrong name as for a wrong password, so the timing does not tell which names exist.
    /// </summary>
    public static void VerifyNothing(string password) => Verify(password, DummyHash.Value);

    private static readonly Lazy<string> DummyHash = new(() => Create("no account has this password"));
}
