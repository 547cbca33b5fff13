using System.Text.Json;
using Microsoft.AspNetCore.Http;
using NewsPipeline.Core.Reading;
using NewsPipeline.Core.Reading.Opml;
using NewsPipeline.Core.Services.Registry;

using NewsPipeline.Core.Web.Api.Formats;

namespace NewsPipeline.Core.Web.Api;

/// <summary>The body of <c>POST /api/feeds</c> with JSON: one feed to add.</summary>
public sealed record FeedToAdd(string? Name, string? Url, int? MinIntervalMinutes, int? MaxIntervalMinutes, string? Title);

/// <summary>
/// Changes to the registry over HTTP, behind a function key in both hosts (Azure: <c>AuthorizationLevel.Function</c>;
/// <c>newsfeed run</c>: <c>Api__AdminKey</c>): <c>POST /api/feeds</c> adds a feed (JSON) or imports an OPML file
/// (<c>text/x-opml</c>, <c>application/xml</c>); <c>DELETE /api/feeds/{name}</c> removes one (its articles stay);
/// <c>POST /api/feeds/{name}/enable</c> and <c>/disable</c>.
/// </summary>
public sealed class FeedEditsEndpoint(FeedAdministration administration)
{
    private const int MaxJsonBytes = 64 * 1024;

    public async Task HandleAsync(HttpContext context, string? name, string? action)
    {
        ArgumentNullException.ThrowIfNull(context);
        var method = context.Request.Method;
        var ct = context.RequestAborted;
        if (name is null && HttpMethods.IsPost(method))
        {
            await AddOrImportAsync(context).ConfigureAwait(false);
            return;
        }

        if (name is not null && action is null && HttpMethods.IsDelete(method))
        {
            if (await administration.RemoveAsync(name, ct).ConfigureAwait(false))
            {
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                return;
            }

            await NotFoundAsync(context, name).ConfigureAwait(false);
            return;
        }

        if (name is not null && action is "enable" or "disable" && HttpMethods.IsPost(method))
        {
            var feed = await administration.SetEnabledAsync(name, action == "enable", ct).ConfigureAwait(false);
            if (feed is null)
            {
                await NotFoundAsync(context, name).ConfigureAwait(false);
                return;
            }

            await WriteJsonAsync(context, StatusCodes.Status200OK, FeedStatusService.ToResource(feed)).ConfigureAwait(false);
            return;
        }

        context.Response.Headers.Allow = name is null ? "GET, HEAD, POST" : action is null ? "DELETE" : "POST";
        await ProblemResponses.WriteAsync(context, action is null or "enable" or "disable" ? StatusCodes.Status405MethodNotAllowed : StatusCodes.Status404NotFound,
            action is null or "enable" or "disable" ? "Method not allowed" : "Not found",
            "POST /api/feeds adds (JSON) or imports (OPML); DELETE /api/feeds/{name} removes; POST /api/feeds/{name}/enable or /disable.").ConfigureAwait(false);
    }

    private async Task AddOrImportAsync(HttpContext context)
    {
        var type = context.Request.ContentType ?? string.Empty;
        var ct = context.RequestAborted;
        if (type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            byte[] json;
            try
            {
                json = await ReadCappedAsync(context, MaxJsonBytes).ConfigureAwait(false);
            }
            catch (InvalidDataException e)
            {
                await ProblemResponses.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Body too large", e.Message).ConfigureAwait(false);
                return;
            }

            if (ReadFeedToAdd(json, out var body) is { } problem)
            {
                await ProblemResponses.WriteAsync(context, StatusCodes.Status400BadRequest, "Invalid feed", $"{problem}; send {{\"name\":\"world\",\"url\":\"https://…\"}}.").ConfigureAwait(false);
                return;
            }

            try
            {
                var added = await administration.AddAsync(body?.Name ?? string.Empty, body?.Url ?? string.Empty, body?.MinIntervalMinutes, body?.MaxIntervalMinutes, body?.Title, ct).ConfigureAwait(false);
                await WriteJsonAsync(context, StatusCodes.Status201Created, FeedStatusService.ToResource(added)).ConfigureAwait(false);
            }
            catch (FeedChangeException e)
            {
                var exists = e.Message.Contains("already in the registry", StringComparison.Ordinal);
                await ProblemResponses.WriteAsync(context, exists ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest, exists ? "Feed exists" : "Invalid feed", e.Message).ConfigureAwait(false);
            }

            return;
        }

        if (type.StartsWith("text/x-opml", StringComparison.OrdinalIgnoreCase) || type.StartsWith("application/xml", StringComparison.OrdinalIgnoreCase)
            || type.StartsWith("text/xml", StringComparison.OrdinalIgnoreCase))
        {
            IReadOnlyList<OpmlEntry> entries;
            try
            {
                using var body = new MemoryStream(await ReadCappedAsync(context, Opml.MaxBytes).ConfigureAwait(false));
                entries = Opml.Read(body);
            }
            catch (Exception e) when (e is FormatException or InvalidDataException)
            {
                await ProblemResponses.WriteAsync(context, StatusCodes.Status400BadRequest, "Invalid OPML", $"{e.Message} Nothing was imported.").ConfigureAwait(false);
                return;
            }

            var report = await administration.ImportAsync(entries, null, ct).ConfigureAwait(false);
            await WriteJsonAsync(context, StatusCodes.Status200OK, new
            {
                added = report.Count(OpmlImportOutcome.Added),
                alreadyInRegistry = report.Count(OpmlImportOutcome.AlreadyInRegistry),
                duplicateInFile = report.Count(OpmlImportOutcome.DuplicateInFile),
                invalid = report.Count(OpmlImportOutcome.Invalid),
                entries = report.Entries,
            }).ConfigureAwait(false);
            return;
        }

        await ProblemResponses.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, "Unsupported body",
            "POST /api/feeds takes application/json (one feed) or text/x-opml (an OPML file to import).").ConfigureAwait(false);
    }

    // What is wrong with the body, or null when it is a feed to add. The JSON reader's and serializer's own messages
    // speak of tokens, CLR types and "LineNumber: 0 | BytePositionInLine: 5": the problem says it in the API's words.
    private static string? ReadFeedToAdd(byte[] json, out FeedToAdd? body)
    {
        body = null;
        if (json.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            return "The body is empty";
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            return $"The body is not valid JSON: reading stops {InputErrors.JsonPosition(e)}";
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return "The body is JSON but not an object";
            }

            try
            {
                body = document.RootElement.Deserialize<FeedToAdd>(ApiJson.Options);
                return null;
            }
            catch (JsonException e)
            {
                return InputErrors.JsonProperty(e) is { } property
                    ? $"The body's \"{property}\" is not {ExpectedValue(property)}"
                    : "The body is not a feed as JSON";
            }
        }
    }

    private static string ExpectedValue(string property) =>
        property.Equals("minIntervalMinutes", StringComparison.OrdinalIgnoreCase) || property.Equals("maxIntervalMinutes", StringComparison.OrdinalIgnoreCase)
            ? "a whole number of minutes"
            : "a string";

    private static async Task<byte[]> ReadCappedAsync(HttpContext context, int cap)
    {
        if (context.Request.ContentLength > cap)
        {
            throw new InvalidDataException($"The body is {context.Request.ContentLength:N0} bytes, over the {cap:N0} this endpoint reads.");
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > cap)
            {
                throw new InvalidDataException($"The body is over the {cap:N0} bytes this endpoint reads.");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static Task NotFoundAsync(HttpContext context, string name) =>
        ProblemResponses.WriteAsync(context, StatusCodes.Status404NotFound, "No such feed", $"The registry has no feed named '{name}'; GET /api/feeds lists them.");

    private static async Task WriteJsonAsync(HttpContext context, int status, object body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await JsonSerializer.SerializeAsync(context.Response.Body, body, ApiJson.Options, context.RequestAborted).ConfigureAwait(false);
    }
}
