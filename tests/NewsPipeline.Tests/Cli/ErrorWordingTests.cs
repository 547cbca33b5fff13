using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Cli;

/// <summary>
/// What `newsfeed` prints when something goes wrong reads as written by a person: no sentence ends twice ("..") where
/// a reason ending in a period met a template that adds one, and no ".NET" parameter name ("(Parameter 'path')") that
/// the user never typed. Each case drives a real process down one error path and reads all it printed.
/// </summary>
public sealed partial class ErrorWordingTests : IAsyncLifetime
{
    private FeedServer server = null!;

    public async Task InitializeAsync() => server = await FeedServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    public static TheoryData<string> Cases => new()
    {
        "bad feed name in the settings",
        "missing settings file",
        "broken settings file",
        "unknown feed given to fetch",
        "folder given to parse",
        "feed answering 500 given to feed",
        "fetch with feeds answering 500 and 404",
        "import with a bad source name",
        "import of a file that is not an article",
        "not a connection string",
        "OPML with a DTD given to feeds import",
        "entity bomb given to preview",
        "fetch of an entity bomb feed",
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task An_error_path_prints_no_doubled_period_and_no_parameter_name(string name)
    {
        var folder = Directory.CreateTempSubdirectory("newspipeline-wording-");
        try
        {
            var (environment, args) = await SetUpAsync(name, folder.FullName);

            var (exit, output, errors) = await NewsfeedCli.RunAsync(environment, args);

            var printed = output + errors;
            Assert.True(exit != 0, $"exit {exit}\n{printed}");
            Assert.False(DoubledPeriod().IsMatch(printed), $"a doubled period:\n{printed}");
            Assert.DoesNotContain("(Parameter '", printed, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", printed, StringComparison.Ordinal);
            RuntimeTexts.AssertNone(printed);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private async Task<(Dictionary<string, string> Environment, string[] Args)> SetUpAsync(string name, string folder)
    {
        var storage = await StorageAsync();
        switch (name)
        {
            case "bad feed name in the settings":
                return (new() { ["Feeds"] = "Bad Name=http://127.0.0.1:1/x.xml", ["ArticleStorage"] = Unreachable }, ["fetch"]);
            case "missing settings file":
                return ([], ["feeds", "--settings", Path.Combine(folder, "local.settings.json")]);
            case "broken settings file":
                var broken = Path.Combine(folder, "local.settings.json");
                await File.WriteAllTextAsync(broken, "{ \"Values\": { \"Feeds\": \"a=x.xml\", }");
                return (new() { ["ArticleStorage"] = Unreachable }, ["fetch", "--settings", broken]);
            case "unknown feed given to fetch":
                storage["Feeds"] = "world=http://127.0.0.1:1/world.xml";
                return (storage, ["fetch", "--feed", "nosuchname"]);
            case "folder given to parse":
                return ([], ["parse", folder]);
            case "feed answering 500 given to feed":
                return ([], ["feed", server.Handle("down.xml", Status(500))]);
            case "fetch with feeds answering 500 and 404":
                storage["Feeds"] = $"down={server.Handle("down.xml", Status(500))};gone={server.Url("gone.xml")}";
                storage["Fetch__Retries"] = "0";
                return (storage, ["fetch"]);
            case "import with a bad source name":
                var article = Directory.EnumerateFiles(RepositoryPaths.Fixture("articles"), "*.md").First();
                return (storage, ["import", article, "--source", "Bad Name"]);
            case "import of a file that is not an article":
                var notAnArticle = Path.Combine(folder, "notes.md");
                await File.WriteAllTextAsync(notAnArticle, "Just some notes, no header.\n");
                return (storage, ["import", notAnArticle]);
            case "not a connection string":
                return (new() { ["ArticleStorage"] = "not a connection string" }, ["fetch"]);
            case "OPML with a DTD given to feeds import":
                return (storage, ["feeds", "import", RepositoryPaths.Fixture("opml", "bomb.opml")]);
            case "entity bomb given to preview":
                return ([], ["preview", RepositoryPaths.Fixture("feeds", "billion-laughs.xml")]);
            case "fetch of an entity bomb feed":
                storage["Feeds"] = "bomb=" + server.Serve("bomb.xml", File.ReadAllBytes(RepositoryPaths.Fixture("feeds", "billion-laughs.xml")), "application/xml");
                storage["Fetch__Retries"] = "0";
                return (storage, ["fetch"]);
            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, "no such case");
        }
    }

    // Storage of this test's own on the shared Azurite.
    private static async Task<Dictionary<string, string>> StorageAsync()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        return new()
        {
            ["ArticleStorage"] = await AzuriteServer.ConnectionStringAsync(),
            ["Storage__ArticlesContainer"] = "articles-" + suffix,
            ["Storage__ArticlesTable"] = "articles" + suffix,
            ["Storage__FailuresTable"] = "failures" + suffix,
            ["Storage__FeedStateTable"] = "feedstate" + suffix,
            ["Storage__FeedsTable"] = "feeds" + suffix,
        };
    }

    private const string Unreachable = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:1/devstoreaccount1;TableEndpoint=http://127.0.0.1:1/devstoreaccount1;QueueEndpoint=http://127.0.0.1:1/devstoreaccount1;";

    private static RequestDelegate Status(int status) => context =>
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    };

    // Two periods, but not an ellipsis written as three, nor a relative path's "../". Also read by the load tests' tests.
    [GeneratedRegex(@"(?<!\.)\.\.(?![./])")]
    internal static partial Regex DoubledPeriod();
}
