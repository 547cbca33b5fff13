using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NewsPipeline.Core.Model.Articles;
using NewsPipeline.Core.Services.Readers;
using NewsPipeline.Core.Services.Registry;
using NewsPipeline.Tests.Api;

namespace NewsPipeline.Tests.Readers;

/// <summary>
/// The Google Reader API over real HTTP on 127.0.0.1 as <c>newsfeed run</c> serves it (<see cref="ApiFixture"/>: Azurite
/// tables of this test's own, every Table request recorded), with registry feeds, accounts and articles to read.
/// </summary>
internal sealed class ReaderFixture : IAsyncDisposable
{
    public const string Password = "correct horse battery";

    private ReaderFixture(ApiFixture api) => Api = api;

    public ApiFixture Api { get; }

    public static async Task<ReaderFixture> StartAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Reader:SyncSettleSeconds"] = "0",
            ["Storage:FeedsTable"] = "feeds" + Guid.NewGuid().ToString("N")[..12],
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        return new ReaderFixture(await ApiFixture.StartAsync(configure, settings: values));
    }

    public T Get<T>() where T : notnull => Api.Api.Get<T>();

    public async Task AddFeedsAsync(params string[] names)
    {
        foreach (var name in names)
        {
            await Get<FeedAdministration>().AddAsync(name, $"https://{name}.example/rss", null, null, name.ToUpperInvariant() + " News", CancellationToken.None);
        }
    }

    public Task AddAccountAsync(string name, bool subscribe = true) =>
        Get<ReaderAccounts>().AddAsync(name, Password, subscribe, CancellationToken.None);

    /// <summary>Indexes <paramref name="count"/> articles of a source, a minute apart, newest last.</summary>
    public async Task<List<ArticleMetadata>> AddArticlesAsync(string source, int count, DateTimeOffset? start = null, string slug = "a")
    {
        var first = start ?? DateTimeOffset.UtcNow.AddHours(-2);
        var articles = new List<ArticleMetadata>();
        for (var i = 0; i < count; i++)
        {
            articles.Add(await Api.AddAsync(ApiFixture.Article(source, first.AddMinutes(i), slug: $"{slug}{i}") with { ContentHtml = $"<p>Body {i} of {source}</p>" }));
        }

        return articles;
    }

    public async Task<ReaderSession> LoginAsync(string name, string password = Password)
    {
        var session = new ReaderSession(Api.Http, null);
        var (status, body) = await session.PostAsync("/api/greader/accounts/ClientLogin", $"Email={Uri.EscapeDataString(name)}&Passwd={Uri.EscapeDataString(password)}");
        Assert.True(status == HttpStatusCode.OK, $"login of {name} answered {(int)status}: {body}");
        var auth = body.Split('\n').Single(l => l.StartsWith("Auth=", StringComparison.Ordinal))[5..];
        return new ReaderSession(Api.Http, auth);
    }

    public async ValueTask DisposeAsync() => await Api.DisposeAsync();
}

/// <summary>One app's session: its login token on every call, the write token fetched for writes.</summary>
internal sealed class ReaderSession(HttpClient http, string? auth)
{
    public string? Auth { get; } = auth;

    public async Task<(HttpStatusCode Status, string Body)> GetAsync(string path, Action<HttpRequestMessage>? change = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (Auth is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "GoogleLogin auth=" + Auth);
        }

        change?.Invoke(request);
        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task<JsonElement> JsonAsync(string path)
    {
        var (status, body) = await GetAsync(path);
        Assert.True(status == HttpStatusCode.OK, $"GET {path} answered {(int)status}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public async Task<(HttpStatusCode Status, string Body)> PostAsync(string path, string form, Action<HttpRequestMessage>? change = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(form, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded") };
        if (Auth is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "GoogleLogin auth=" + Auth);
        }

        change?.Invoke(request);
        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A write with a fresh write token, as apps do it; asserts the exact "OK".</summary>
    public async Task WriteAsync(string call, string form)
    {
        var (_, token) = await GetAsync("/api/greader/reader/api/0/token");
        var (status, body) = await PostAsync("/api/greader/reader/api/0/" + call, form + "&T=" + Uri.EscapeDataString(token.TrimEnd('\n')));
        Assert.True(status == HttpStatusCode.OK && body == "OK", $"{call} answered {(int)status}: {body}");
    }

    public async Task<List<long>> UnreadIdsAsync(string stream = "user/-/state/com.google/reading-list", int n = 10000)
    {
        var json = await JsonAsync($"/api/greader/reader/api/0/stream/items/ids?s={Uri.EscapeDataString(stream)}&xt=user/-/state/com.google/read&n={n}");
        return json.GetProperty("itemRefs").EnumerateArray().Select(r => long.Parse(r.GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
    }

    public async Task<List<long>> StarredIdsAsync()
    {
        var json = await JsonAsync("/api/greader/reader/api/0/stream/items/ids?s=user/-/state/com.google/starred&n=1000");
        return json.GetProperty("itemRefs").EnumerateArray().Select(r => long.Parse(r.GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
    }
}
