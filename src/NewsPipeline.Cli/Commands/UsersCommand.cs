using System.CommandLine;
using System.Globalization;
using System.Text;
using NewsPipeline.Cli.Hosting;
using NewsPipeline.Core.Reading.Opml;
using NewsPipeline.Core.Services.Readers;
using NewsPipeline.Core.Services.Registry;

namespace NewsPipeline.Cli.Commands;

/// <summary><c>newsfeed users</c>: reader accounts for the Google Reader API — add, list, passwd, remove, import.</summary>
internal static class UsersCommand
{
    public static Command Create(Option<FileInfo?> settings)
    {
        var command = new Command("users", """
            Reader accounts: who may read with an app over the Google Reader API (/api/greader). Each account has
            its own subscriptions, labels (folders), and read and starred state. Passwords are read from standard
            input, never from an argument (it would stay in the shell's history), and stored only as a slow salted
            hash. Without a subcommand it lists the accounts.

            Read it in your app: create an account, then give the app the server
            http://127.0.0.1:7071/api/greader (or https://YOUR-APP.azurewebsites.net/api/greader) with the name and
            password. NetNewsWire, Reeder, Read You, FeedMe, Fluent Reader, newsboat and other Google Reader or
            FreshRSS clients work. In Azure, the same changes are POST/DELETE /api/accounts with the function key.

            Examples:
              newsfeed users add alice
              echo "$PASSWORD" | newsfeed users add bob --no-subscriptions
              newsfeed users import bob subscriptions.opml
              newsfeed users passwd alice
            """)
        {
            Add(settings),
            Passwd(settings),
            Remove(settings),
            Import(settings),
        };
        command.SetAction(async (result, cancellationToken) => await ListAsync(result.GetValue(settings), cancellationToken));
        var list = new Command("list", "List the accounts (name and creation time).");
        list.SetAction(async (result, cancellationToken) => await ListAsync(result.GetValue(settings), cancellationToken));
        command.Add(list);
        return command;
    }

    private static async Task<int> ListAsync(FileInfo? settings, CancellationToken cancellationToken)
    {
        await using var services = await CommandServices.StartAsync(settings, cancellationToken);
        var accounts = await services.Get<ReaderAccounts>().ListAsync(cancellationToken);
        TextTable.Write(Console.Out, ["ACCOUNT", "CREATED"], accounts.OrderBy(a => a.Name, StringComparer.Ordinal)
            .Select(a => new[] { a.Name, a.Created.ToString("u", CultureInfo.InvariantCulture) }));
        if (accounts.Count == 0)
        {
            Console.Error.WriteLine("No reader accounts yet: `newsfeed users add NAME` creates one.");
        }

        return 0;
    }

    private static Command Add(Option<FileInfo?> settings)
    {
        var name = new Argument<string>("name") { Description = "The account's name, as typed into the app's login (letters, digits, . _ - @ +)." };
        var empty = new Option<bool>("--no-subscriptions") { Description = "Start with no subscriptions (default: every enabled registry feed, filed under its OPML folder)." };
        var command = new Command("add", """
            Create a reader account. The password is read from standard input (asked twice at a terminal, without
            echo). It starts subscribed to every enabled feed of the registry, with the items indexed in the last
            Reader__UnreadBackfillDays (7) days unread; feeds added to the registry later are not added to it.

            Example:
              newsfeed users add alice
            """) { name, empty };
        command.SetAction(async (result, cancellationToken) =>
        {
            var password = ReadPassword("Password for the new account: ", confirm: true);
            await using var services = await CommandServices.StartAsync(result.GetValue(settings), cancellationToken);
            var account = await services.Get<ReaderAccounts>().AddAsync(result.GetValue(name)!, password, !result.GetValue(empty), cancellationToken);
            Console.WriteLine($"Added reader account {account.Name}. In an app, use the server <this host>/api/greader with this name and password.");
            return 0;
        });
        return command;
    }

    private static Command Passwd(Option<FileInfo?> settings)
    {
        var name = new Argument<string>("name") { Description = "The account whose password to set." };
        var command = new Command("passwd", "Set an account's password (from standard input). Every app signed in to it is signed out and must log in again.") { name };
        command.SetAction(async (result, cancellationToken) =>
        {
            var password = ReadPassword("New password: ", confirm: true);
            await using var services = await CommandServices.StartAsync(result.GetValue(settings), cancellationToken);
            var revoked = await services.Get<ReaderAccounts>().SetPasswordAsync(result.GetValue(name)!, password, cancellationToken);
            Console.WriteLine($"Password set; {revoked} login token(s) revoked.");
            return 0;
        });
        return command;
    }

    private static Command Remove(Option<FileInfo?> settings)
    {
        var name = new Argument<string>("name") { Description = "The account to remove." };
        var command = new Command("remove", "Remove an account with its tokens, subscriptions and read state. The feeds stay in the registry.") { name };
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var services = await CommandServices.StartAsync(result.GetValue(settings), cancellationToken);
            await services.Get<ReaderAccounts>().RemoveAsync(result.GetValue(name)!, cancellationToken);
            Console.WriteLine($"Removed reader account {result.GetValue(name)}.");
            return 0;
        });
        return command;
    }

    private static Command Import(Option<FileInfo?> settings)
    {
        var name = new Argument<string>("name") { Description = "The account to subscribe." };
        var file = new Argument<FileInfo>("file") { Description = "An OPML file (an app's or another reader's export)." };
        var command = new Command("import", """
            Subscribe an account to the feeds of an OPML file, adding to the registry those it lacks. Each feed's
            folder becomes a label: a nested folder is the label "News / World" (Google Reader labels are flat), and
            a feed listed under several folders carries each of them.

            Example:
              newsfeed users import alice subscriptions.opml
            """) { name, file };
        command.SetAction(async (result, cancellationToken) =>
        {
            var path = result.GetValue(file)!;
            if (!path.Exists)
            {
                throw new FeedChangeException($"There is no file '{path.FullName}'.");
            }

            IReadOnlyList<OpmlEntry> entries;
            await using (var stream = path.OpenRead())
            {
                entries = Opml.Read(stream);
            }

            await using var services = await CommandServices.StartAsync(result.GetValue(settings), cancellationToken);
            var report = await services.Get<ReaderAccounts>().ImportAsync(result.GetValue(name)!, entries, cancellationToken);
            Console.WriteLine($"Subscribed {result.GetValue(name)} to {report.Subscribed} feeds ({report.Registry.Count(OpmlImportOutcome.Added)} new to the registry), "
                + $"under {report.Labels.Count} labels: {string.Join(", ", report.Labels)}");
            var skipped = report.Registry.Entries.Where(e => e.Outcome is OpmlImportOutcome.Invalid).ToList();
            foreach (var entry in skipped)
            {
                Console.Error.WriteLine($"Line {entry.Line}: skipped: {entry.Reason}");
            }

            return 0;
        });
        return command;
    }

    /// <summary>A password from standard input: a line when it is piped, typed without echo (twice) at a terminal.</summary>
    private static string ReadPassword(string prompt, bool confirm)
    {
        if (Console.IsInputRedirected)
        {
            return Console.In.ReadLine() ?? throw new ReaderAccountException("No password on standard input: pipe it in, or run the command at a terminal.");
        }

        var first = ReadHidden(prompt);
        if (confirm && ReadHidden("Again: ") != first)
        {
            throw new ReaderAccountException("The two passwords differ; nothing was changed.");
        }

        return first;
    }

    private static string ReadHidden(string prompt)
    {
        Console.Error.Write(prompt);
        var text = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                Console.Error.WriteLine();
                return text.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                text.Length = Math.Max(0, text.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                text.Append(key.KeyChar);
            }
        }
    }
}
