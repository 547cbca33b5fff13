namespace NewsPipeline.Core.Storage;

/// <summary>Where the pipeline keeps its data. Names are settings so that tests can isolate themselves in one account.</summary>
public sealed class StorageOptions
{
    /// <summary>The connection name used by the Functions bindings and by every Core store (<c>ArticleStorage</c>, <c>ArticleStorage__blobServiceUri</c>, …).</summary>
    public const string ConnectionName = "ArticleStorage";

    /// <summary>The fetch queue's name in Azure, fixed because the Functions queue trigger names it in code (<c>functions.metadata</c>).</summary>
    public const string DefaultFetchQueue = "feed-fetch";

    public string ArticlesContainer { get; set; } = "articles";
    public string ArticlesTable { get; set; } = "articles";
    public string FailuresTable { get; set; } = "parsefailures";

    /// <summary>Stories: the key terms articles are filed under, the daily term frequencies, the stories and their merges.</summary>
    public string StoriesTable { get; set; } = "stories";

    /// <summary>The feed registry: every feed, its schedule and its state, with the due-time index beside it.</summary>
    public string FeedsTable { get; set; } = "feeds";

    /// <summary>Reader accounts, their login tokens and failed-login counters, and each account's subscriptions and read and starred state.</summary>
    public string ReadersTable { get; set; } = "readers";

    /// <summary>
    /// Where Event Grid leaves blob events it gave up delivering to <c>ParseArticle</c> (infra: the subscription's
    /// dead-letter destination); the reconciliation pass replays and removes them.
    /// </summary>
    public string DeadLetterContainer { get; set; } = "eventgrid-deadletter";

    /// <summary>
    /// The queue from the scheduler to the fetch workers (its poison queue is this name + <c>-poison</c>). The Functions
    /// queue trigger names <see cref="DefaultFetchQueue"/> in code: change it only for tests and <c>newsfeed</c>.
    /// </summary>
    public string FetchQueue { get; set; } = DefaultFetchQueue;
}
