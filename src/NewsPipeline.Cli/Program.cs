using System.CommandLine;
using NewsPipeline.Cli.Commands;

var settings = new Option<FileInfo?>("--settings")
{
    Description = "A Functions local.settings.json whose Values to use (by default: built-in local defaults, then environment variables).",
    Recursive = true,
};

var root = new RootCommand("""
    newsfeed — run and operate the NewsPipeline news-ingest pipeline locally.

    Settings have the same names as the Functions app's (see local.settings.sample.json): ArticleStorage,
    FetchSchedule, Feeds ("name=url;name=url"), Fetch__TimeoutSeconds … Set them as environment variables or
    pass --settings local.settings.json.
    """)
{
    RunCommand.Create(settings),
    FetchCommand.Create(settings),
    FeedCommand.Create(settings),
    FeedsCommand.Create(settings),
    BenchCommand.Create(),
    ParseCommand.Create(),
    ImportCommand.Create(settings),
    ReindexCommand.Create(settings),
    FailuresCommand.Create(settings),
};
root.Options.Add(settings);

return await root.Parse(args).InvokeAsync();
