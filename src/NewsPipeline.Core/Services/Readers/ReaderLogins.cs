using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsPipeline.Core.Model.Readers;
using NewsPipeline.Core.Storage.Readers;

namespace NewsPipeline.Core.Services.Readers;

/// <summary>How a login ended.</summary>
public enum LoginOutcome
{
    SignedIn,
    WrongCredentials,
    TooManyFailures,
}

/// <param name="Token">The new login token (only on <see cref="LoginOutcome.SignedIn"/>); shown once, stored only hashed.</param>
/// <param name="RetryAfter">How long to wait (only on <see cref="LoginOutcome.TooManyFailures"/>).</param>
public sealed record LoginResult(LoginOutcome Outcome, string? Account = null, string? Token = null, TimeSpan? RetryAfter = null);

/// <summary>
/// Logins and login tokens. Passwords are checked against their slow hash in constant time; tokens are 32 random
/// bytes, stored as their SHA-256 (looking a hash up tells nothing about the token's bytes), with an expiry; failed
/// logins are counted per account and per client address in storage, so the limit holds across instances.
/// </summary>
public sealed partial class ReaderLogins(ReaderAccountStore accounts, IOptions<ReaderOptions> options, TimeProvider clock, ILogger<ReaderLogins> logger)
{
    private const string WriteTokenPurpose = "newspipeline write token v1";

    public async Task<LoginResult> SignInAsync(string? name, string? password, string clientAddress, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var window = TimeSpan.FromMinutes(settings.LoginWindowMinutes);
        var account = ReaderAccountName.Normalize(name, out _) ?? "-";
        var accountKey = ReaderAccountStore.AccountCounterKey(account);
        var addressKey = ReaderAccountStore.AddressCounterKey(clientAddress);
        var counters = await accounts.GetCountersAsync([accountKey, addressKey], cancellationToken).ConfigureAwait(false);
        var wait = Longest(Blocked(counters, accountKey, settings.MaxFailedLogins, now, window),
            Blocked(counters, addressKey, settings.MaxFailedLoginsPerAddress, now, window));
        if (wait is { } retryAfter)
        {
            LogLimited(account, clientAddress);
            return new LoginResult(LoginOutcome.TooManyFailures, RetryAfter: retryAfter);
        }

        var record = account == "-" ? null : await accounts.GetAsync(account, cancellationToken).ConfigureAwait(false);
        var valid = record is null ? Burn(password) : PasswordHash.Verify(password ?? string.Empty, record.PasswordHash);
        if (!valid)
        {
            await accounts.RecordFailureAsync(accountKey, now, window, cancellationToken).ConfigureAwait(false);
            await accounts.RecordFailureAsync(addressKey, now, window, cancellationToken).ConfigureAwait(false);
            LogFailed(account, clientAddress);
            return new LoginResult(LoginOutcome.WrongCredentials);
        }

        if (counters.ContainsKey(accountKey))
        {
            await accounts.ResetCounterAsync(accountKey, cancellationToken).ConfigureAwait(false);
        }

        var token = await IssueTokenAsync(account, cancellationToken).ConfigureAwait(false);
        LogSignedIn(account);
        return new LoginResult(LoginOutcome.SignedIn, account, token);
    }

    /// <summary>A new token for the account (the login's <c>Auth=</c>, or a page session's cookie).</summary>
    public async Task<string> IssueTokenAsync(string account, CancellationToken cancellationToken)
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var expires = clock.GetUtcNow().AddDays(options.Value.TokenLifetimeDays);
        await accounts.AddTokenAsync(HashOf(token), new ReaderTokenRecord(account, expires), cancellationToken).ConfigureAwait(false);
        return token;
    }

    /// <summary>The account a token belongs to, or null when it is unknown, revoked or expired: one point read.</summary>
    public async Task<string?> AccountOfAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 200)
        {
            return null;
        }

        var hash = HashOf(token);
        var record = await accounts.GetTokenAsync(hash, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return null;
        }

        if (record.Expires <= clock.GetUtcNow())
        {
            await accounts.RemoveTokenAsync(hash, record.Account, cancellationToken).ConfigureAwait(false);
            return null;
        }

        return record.Account;
    }

    /// <summary>Signs one token out (the page's sign-out).</summary>
    public async Task SignOutAsync(string token, CancellationToken cancellationToken)
    {
        if (await AccountOfAsync(token, cancellationToken).ConfigureAwait(false) is { } account)
        {
            await accounts.RemoveTokenAsync(HashOf(token), account, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The write token (<c>T</c>) of a login token: derived from it by HMAC, so it needs no storage, changes with every
    /// login and dies with its login token.
    /// </summary>
    public static string WriteTokenFor(string loginToken) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(loginToken), Encoding.UTF8.GetBytes(WriteTokenPurpose)));

    /// <summary>Whether <paramref name="presented"/> is the write token of <paramref name="loginToken"/>, compared in constant time.</summary>
    public static bool IsWriteToken(string loginToken, string? presented)
    {
        // newsboat posts the token's body as it came, newline and all.
        var value = (presented ?? string.Empty).TrimEnd('\n', '\r');
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(WriteTokenFor(loginToken)), Encoding.UTF8.GetBytes(value));
    }

    private static TimeSpan? Blocked(IReadOnlyDictionary<string, LoginCounter> counters, string key, int max, DateTimeOffset now, TimeSpan window) =>
        counters.TryGetValue(key, out var counter) && counter.Failures >= max && now - counter.WindowStart < window
            ? counter.WindowStart + window - now
            : null;

    private static TimeSpan? Longest(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : a > b ? a : b;

    private static bool Burn(string? password)
    {
        PasswordHash.VerifyNothing(password ?? string.Empty);
        return false;
    }

    private static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));


    [LoggerMessage(Level = LogLevel.Information, Message = "Reader login: {Account} signed in")]
    private partial void LogSignedIn(string account);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reader login failed for {Account} from {Address}: wrong name or password")]
    private partial void LogFailed(string account, string address);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reader login refused for {Account} from {Address}: too many failed logins; answered 429 until the window ends (Reader__LoginWindowMinutes)")]
    private partial void LogLimited(string account, string address);
}
