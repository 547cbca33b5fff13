using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using NewsPipeline.Core.Model.Readers;
using NewsPipeline.Core.Reading.Opml;
using NewsPipeline.Core.Services.Registry;
using NewsPipeline.Core.Storage.Readers;

namespace NewsPipeline.Core.Services.Readers;

/// <summary>A reader-account change refused, in words for the person who asked.</summary>
public sealed class ReaderAccountException(string message) : InvalidOperationException(message);

/// <summary>What importing an OPML file into an account did.</summary>
public sealed record AccountImportReport(OpmlImportReport Registry, int Subscribed, IReadOnlyList<string> Labels);

/// <summary>
/// Reader accounts as an operator manages them (<c>newsfeed users …</c>, <c>/api/accounts</c> behind the function key):
/// add, list, change a password (which signs out every app), remove, import an OPML file as subscriptions with labels.
/// </summary>
public sealed partial class ReaderAccounts(ReaderAccountStore accounts, ReadingState state, FeedAdministration registry, TimeProvider clock, ILogger<ReaderAccounts> logger)
{
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 1024;

    /// <summary>
    /// Creates an account. With <paramref name="subscribeToRegistry"/> it starts subscribed to every enabled registry feed
    /// (filed under the feed's OPML folder), and the items indexed in the last <c>Reader__UnreadBackfillDays</c> start unread.
    /// </summary>
    public async Task<ReaderAccountRecord> AddAsync(string name, string password, bool subscribeToRegistry, CancellationToken cancellationToken)
    {
        var normalized = ReaderAccountName.Normalize(name, out var problem) ?? throw new ReaderAccountException(problem!);
        CheckPassword(password);
        var now = clock.GetUtcNow();
        var account = new ReaderAccountRecord(normalized, PasswordHash.Create(password), NewUserId(), now);
        if (!await accounts.TryAddAsync(account, cancellationToken).ConfigureAwait(false))
        {
            throw new ReaderAccountException($"An account named '{normalized}' exists already: pick another name, or change its password with `users passwd`.");
        }

        await state.StartAsync(normalized, cancellationToken).ConfigureAwait(false);
        if (subscribeToRegistry)
        {
            var feeds = (await registry.ListAsync(cancellationToken).ConfigureAwait(false)).Where(f => f.Enabled).ToList();
            await state.SubscribeManyAsync(normalized, feeds.Select(f => new SubscriptionRecord(f.Name, null, f.Category is { } c ? [c] : [], now)).ToList(),
                backfill: false, cancellationToken).ConfigureAwait(false);
        }

        LogAdded(normalized, subscribeToRegistry);
        return account;
    }

    public Task<IReadOnlyList<ReaderAccountRecord>> ListAsync(CancellationToken cancellationToken) => accounts.ListAsync(cancellationToken);

    /// <summary>Sets a new password and revokes every token of the account: each app must log in again.</summary>
    public async Task<int> SetPasswordAsync(string name, string password, CancellationToken cancellationToken)
    {
        var normalized = Existing(name);
        CheckPassword(password);
        if (!await accounts.SetPasswordHashAsync(normalized, PasswordHash.Create(password), cancellationToken).ConfigureAwait(false))
        {
            throw NoSuchAccount(normalized);
        }

        var revoked = await accounts.RevokeTokensAsync(normalized, cancellationToken).ConfigureAwait(false);
        LogPasswordChanged(normalized, revoked);
        return revoked;
    }

    /// <summary>Removes an account with its tokens, subscriptions and read state; the feeds stay in the registry.</summary>
    public async Task RemoveAsync(string name, CancellationToken cancellationToken)
    {
        var normalized = Existing(name);
        if (!await accounts.RemoveAsync(normalized, cancellationToken).ConfigureAwait(false))
        {
            throw NoSuchAccount(normalized);
        }

        LogRemoved(normalized);
    }

    /// <summary>
    /// Subscribes an account to an OPML file's feeds, adding to the registry those it lacks (the same checks as any
    /// feed). Each feed's folder becomes a label — nested folders as <c>News / World</c>, since Google Reader labels are
    /// flat — and a feed listed under several folders carries each of them.
    /// </summary>
    public async Task<AccountImportReport> ImportAsync(string name, IReadOnlyList<OpmlEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var normalized = Existing(name);
        if (await accounts.GetAsync(normalized, cancellationToken).ConfigureAwait(false) is null)
        {
            throw NoSuchAccount(normalized);
        }

        var report = await registry.ImportAsync(entries, null, cancellationToken).ConfigureAwait(false);
        var nameByUrl = report.Entries.Where(e => e.Name is not null && e.Url is not null)
            .GroupBy(e => e.Url!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Name!, StringComparer.Ordinal);
        var now = clock.GetUtcNow();
        var subscriptions = entries.Where(e => e.Problem is null && e.XmlUrl is not null && nameByUrl.ContainsKey(e.XmlUrl))
            .GroupBy(e => nameByUrl[e.XmlUrl!], StringComparer.Ordinal)
            .Select(g => new SubscriptionRecord(g.Key, g.Select(e => e.Title).FirstOrDefault(t => !string.IsNullOrWhiteSpace(t)),
                g.Select(e => e.Category).OfType<string>().Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToList(), now))
            .ToList();
        await state.SubscribeManyAsync(normalized, subscriptions, backfill: true, cancellationToken).ConfigureAwait(false);
        var labels = subscriptions.SelectMany(s => s.Labels).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        LogImported(normalized, subscriptions.Count, labels.Count);
        return new AccountImportReport(report, subscriptions.Count, labels);
    }

    private static string Existing(string name) => ReaderAccountName.Normalize(name, out var problem) ?? throw new ReaderAccountException(problem!);

    private static ReaderAccountException NoSuchAccount(string name) =>
        new($"There is no account named '{name}'. `newsfeed users list` shows the accounts.");

    private static void CheckPassword(string password)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinPasswordLength)
        {
            throw new ReaderAccountException($"The password is too short: use at least {MinPasswordLength} characters.");
        }

        if (password.Length > MaxPasswordLength)
        {
            throw new ReaderAccountException($"The password is too long: use at most {MaxPasswordLength} characters.");
        }
    }

    // Google Reader's user ids are numbers; apps show them, nothing depends on them.
    private static long NewUserId() => RandomNumberGenerator.GetInt32(1, int.MaxValue) * 1000L + RandomNumberGenerator.GetInt32(0, 1000);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reader account {Name} added (subscribed to the registry: {Subscribed})")]
    private partial void LogAdded(string name, bool subscribed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reader account {Name}: password changed, {Revoked} login tokens revoked; its apps must log in again")]
    private partial void LogPasswordChanged(string name, int revoked);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reader account {Name} removed with its subscriptions and read state")]
    private partial void LogRemoved(string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reader account {Name}: OPML import subscribed it to {Count} feeds under {Labels} labels")]
    private partial void LogImported(string name, int count, int labels);
}
