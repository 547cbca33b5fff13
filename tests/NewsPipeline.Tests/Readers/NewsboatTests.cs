using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using NewsPipeline.Cli.Hosting;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Readers;

/// <summary>
/// A real reader app: Debian's newsboat (2.21, installed by .ci/run) in its FeedHQ mode, syncing from a real
/// `newsfeed run` on loopback over the Google Reader API — subscriptions, items, and read state both ways. Its config
/// names only 127.0.0.1 and turns off the three special feeds it would otherwise ask feedhq.org for.
/// </summary>
public sealed partial class NewsboatTests
{
    private const string Password = "newsboat reads it";

    [Fact]
    public async Task Newsboat_syncs_subscriptions_items_and_read_state_both_ways_with_newsfeed_run()
    {
        Assert.True(File.Exists("/usr/bin/newsboat"), "newsboat is not installed: .ci/run installs it with apt-get (Debian package newsboat).");
        Assert.True(File.Exists("/usr/bin/tmux"), "tmux is not installed: .ci/run installs it with apt-get (Debian package tmux).");
        var environment = await NewsfeedCli.IsolatedEnvironmentAsync(string.Empty);
        environment.Remove("Feeds");
        environment["Reader__SyncSettleSeconds"] = "0";
        var port = AzuriteProcess.FreePort();
        using var run = StartRun(port, environment);
        try
        {
            var items = await WaitForItemsAsync(port, run, 6);
            var add = await NewsfeedCli.RunWithInputAsync(environment, Password, "users", "add", "reader");
            Assert.True(add.ExitCode == 0, add.Errors);
            var list = await NewsfeedCli.RunAsync(environment, "users", "list");
            Assert.Contains("reader", list.Output, StringComparison.Ordinal);

            using var home = new TemporaryFolder();
            var newsboat = new Newsboat(home.Path, port);

            // Subscriptions and items: every item unread, as the API counts them.
            Assert.Equal(items.Count, await newsboat.UnreadAsync());
            var api = await ApiSessionAsync(port);
            Assert.Equal(items.Count, await UnreadCountAsync(api));

            // A read made by an app (edit-tag) is seen by newsboat on its next reload.
            var ids = (await api.JsonAsync("/api/greader/reader/api/0/stream/items/ids?s=user/-/state/com.google/reading-list&xt=user/-/state/com.google/read&n=2"))
                .GetProperty("itemRefs").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
            await api.WriteAsync("edit-tag", string.Join('&', ids.Select(i => "i=" + i)) + "&a=user/-/state/com.google/read");
            Assert.Equal(items.Count - 2, await newsboat.UnreadAsync());

            // And back: newsboat marks the feed read (its 'A' key, which posts mark-all-as-read), the API counts none.
            await newsboat.MarkFirstFeedReadAsync();
            Assert.Equal(0, await UnreadCountAsync(api));
            Assert.Equal(0, await newsboat.UnreadAsync());
        }
        finally
        {
            if (!run.HasExited)
            {
                run.Kill(entireProcessTree: true);
            }
        }
    }

    private static async Task<ReaderSession> ApiSessionAsync(int port)
    {
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var (status, body) = await new ReaderSession(http, null).PostAsync("/api/greader/accounts/ClientLogin", "Email=reader&Passwd=" + Uri.EscapeDataString(Password));
        Assert.Equal(HttpStatusCode.OK, status);
        return new ReaderSession(http, body.Split('\n').Single(l => l.StartsWith("Auth=", StringComparison.Ordinal))[5..]);
    }

    private static async Task<int> UnreadCountAsync(ReaderSession api) =>
        (await api.JsonAsync("/api/greader/reader/api/0/unread-count?output=json")).GetProperty("unreadcounts").EnumerateArray()
        .Where(c => c.GetProperty("id").GetString() == "user/-/state/com.google/reading-list").Select(c => c.GetProperty("count").GetInt32()).SingleOrDefault();

    private static Process StartRun(int port, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryPaths.Root };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "newsfeed.dll"));
        foreach (var arg in new[] { "run", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("Feeds");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<List<string>> WaitForItemsAsync(int port, Process process, int count)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                var page = await http.GetFromJsonAsync<JsonElement>($"http://127.0.0.1:{port}/api/items");
                var titles = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!).ToList();
                if (titles.Count >= count)
                {
                    return titles;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"newsfeed run did not serve {count} items on port {port} within 90 s (exited: {process.HasExited}).");
    }

    /// <summary>newsboat with a config, an empty urls file and a cache of its own, under a home of its own.</summary>
    private sealed partial class Newsboat
    {
        private readonly string home;
        private readonly string config;
        private readonly string urls;
        private readonly string cache;

        public Newsboat(string home, int port)
        {
            this.home = home;
            config = Path.Combine(home, "config");
            urls = Path.Combine(home, "urls");
            cache = Path.Combine(home, "cache.db");
            File.WriteAllText(urls, string.Empty);
            File.WriteAllText(config, $"""
                urls-source "feedhq"
                feedhq-url "http://127.0.0.1:{port}/api/greader"
                feedhq-login "reader"
                feedhq-password "{Password}"
                feedhq-min-items 20
                feedhq-show-special-feeds no
                show-read-feeds yes
                """ + "\n");
        }

        /// <summary>Reloads headless and reads "N unread articles".</summary>
        public async Task<int> UnreadAsync()
        {
            var (exit, output, errors) = await RunAsync("newsboat", ["-C", config, "-u", urls, "-c", cache, "-x", "reload", "print-unread"]);
            Assert.True(exit == 0, $"newsboat exited {exit}: {output} {errors}");
            var match = UnreadLine().Match(output);
            Assert.True(match.Success, $"newsboat printed no unread count: {output} {errors}");
            return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        }

        /// <summary>Drives newsboat's screen in tmux as a person would: wait for the feed list, 'A' on the first feed, quit.</summary>
        public async Task MarkFirstFeedReadAsync()
        {
            var session = "newsboat-" + Guid.NewGuid().ToString("N")[..8];
            var command = $"HOME='{home}' TERM=xterm newsboat -C '{config}' -u '{urls}' -c '{cache}'";
            await RunAsync("tmux", ["new-session", "-d", "-s", session, "-x", "120", "-y", "30", command]);
            try
            {
                await WaitForScreenAsync(session, "unread");
                await RunAsync("tmux", ["send-keys", "-t", session, "A"]);
                await Task.Delay(1500);
                await RunAsync("tmux", ["send-keys", "-t", session, "q"]);
                await WaitForExitAsync(session);
            }
            finally
            {
                await RunAsync("tmux", ["kill-session", "-t", session]);
            }
        }

        private async Task WaitForScreenAsync(string session, string text)
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            var screen = string.Empty;
            while (DateTime.UtcNow < deadline)
            {
                screen = (await RunAsync("tmux", ["capture-pane", "-p", "-t", session])).Output;
                if (screen.Contains(text, StringComparison.Ordinal) && FeedLine().IsMatch(screen))
                {
                    return;
                }

                await Task.Delay(250);
            }

            throw new TimeoutException("newsboat showed no feed list within 60 s:\n" + screen);
        }

        private async Task WaitForExitAsync(string session)
        {
            for (var i = 0; i < 120; i++)
            {
                if ((await RunAsync("tmux", ["has-session", "-t", session])).ExitCode != 0)
                {
                    return;
                }

                await Task.Delay(250);
            }
        }

        private async Task<(int ExitCode, string Output, string Errors)> RunAsync(string program, string[] args)
        {
            var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            start.Environment["HOME"] = home;
            start.Environment["XDG_CONFIG_HOME"] = Path.Combine(home, ".config");
            start.Environment["XDG_DATA_HOME"] = Path.Combine(home, ".local", "share");
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await output, await errors);
        }

        [GeneratedRegex(@"(\d+) unread articles")]
        private static partial Regex UnreadLine();

        // A feed line of the list: "   1 N  (6/6) Demo…".
        [GeneratedRegex(@"\(\d+/\d+\)")]
        private static partial Regex FeedLine();
    }

    private sealed class TemporaryFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("newsboat-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
