using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NewsPipeline.Core.Model.Articles;
using NewsPipeline.Core.Reading.Articles.Document;
using NewsPipeline.Core.Storage.Blobs;
using NewsPipeline.Core.Storage.Tables;
using NewsPipeline.Testing.Load;
using NewsPipeline.Testing.Storage;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Api;

/// <summary>
/// The API served over real HTTP on 127.0.0.1 exactly as <c>newsfeed run</c> maps it, on the shared Azurite with a
/// table and container of this test's own, every Table request recorded; plus helpers to write articles into it.
/// </summary>
internal sealed class ApiFixture : IAsyncDisposable
{
    private ApiFixture(BenchApi api, TableRequestLog log)
    {
        Api = api;
        Log = log;
        Http = new HttpClient { BaseAddress = api.BaseAddress };
    }

    public BenchApi Api { get; }
    public TableRequestLog Log { get; }
    public HttpClient Http { get; }
    public ArticleIndexStore Index => Api.Index;

    public static async Task<ApiFixture> StartAsync(Action<IServiceCollection>? configure = null, string? connection = null,
        IDictionary<string, string?>? settings = null)
    {
        var log = new TableRequestLog();
        var name = "api" + Guid.NewGuid().ToString("N")[..12];
        var api = await BenchApi.StartAsync(connection ?? await AzuriteServer.ConnectionStringAsync(), name, log, CancellationToken.None, settings, configure);
        return new ApiFixture(api, log);
    }

    public static ArticleMetadata Article(string source, DateTimeOffset published, string language = "en", string? title = null, string? slug = null)
    {
        var url = $"https://{source}.example/{slug ?? published.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}";
        return new ArticleMetadata
        {
            Id = ArticleId.FromUrl(url),
            Url = url,
            Title = title ?? $"{source} at {published:O}",
            Source = source,
            Site = source + ".example",
            FeedPublished = published,
            Published = published,
            PublishedOrigin = PublishedOrigin.Comment,
            Summary = "A summary of " + url,
            Language = language,
            Paragraphs = 3,
            Characters = 300,
            Words = 60,
            Links = ["https://elsewhere.example/a", "https://elsewhere.example/b"],
            ContentHash = "hash-" + url.Length.ToString(CultureInfo.InvariantCulture),
            ParserVersion = 1,
        };
    }

    public async Task<ArticleMetadata> AddAsync(ArticleMetadata article, string? html = null)
    {
        if (html is not null)
        {
            var blobs = Api.Get<ArticleBlobStore>();
            var name = ArticleBlobName.For(article.Source, article.Published, article.Id);
            await blobs.TryCreateAsync(name, ArticleDocumentWriter.Write(article.Published, article.Title, article.Url, html), CancellationToken.None);
            article = article with { BlobName = name };
        }

        await Index.UpsertAsync(article, CancellationToken.None);
        return article;
    }

    public async Task<HttpResponseMessage> GetAsync(string pathAndQuery, string? accept = null, Action<HttpRequestHeaders>? headers = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(pathAndQuery.TrimStart('/'), UriKind.Relative));
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        headers?.Invoke(request.Headers);
        return await Http.SendAsync(request);
    }

    public async Task<JsonElement> JsonAsync(string pathAndQuery)
    {
        using var response = await GetAsync(pathAndQuery);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{pathAndQuery}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Follows <c>next</c> from <paramref name="first"/> to the end; returns every page's item ids.</summary>
    public async Task<List<List<string>>> WalkAsync(string first, Func<Task>? betweenPages = null)
    {
        var pages = new List<List<string>>();
        string? url = first;
        while (url is not null)
        {
            var page = await JsonAsync(url.StartsWith("http", StringComparison.Ordinal) ? new Uri(url).PathAndQuery : url);
            pages.Add(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList());
            url = page.GetProperty("next").GetString();
            Assert.True(pages.Count < 1000, "paging does not end");
            if (url is not null && betweenPages is not null)
            {
                await betweenPages();
            }
        }

        return pages;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Api.DisposeAsync();
    }
}
