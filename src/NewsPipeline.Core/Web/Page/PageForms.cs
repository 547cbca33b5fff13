using Microsoft.AspNetCore.Http;

namespace NewsPipeline.Core.Web.Page;

/// <summary>Reading a posted form: urlencoded and small, or a 400 page that says so (never a 500).</summary>
internal static class PageForms
{
    private const long MaxBytes = 16 * 1024;

    public static async Task<IFormCollection?> ReadAsync(PageContext page)
    {
        var request = page.Http.Request;
        if (!request.HasFormContentType || request.ContentLength is > MaxBytes)
        {
            await page.WriteMessageAsync(StatusCodes.Status400BadRequest, "Not a form", "This address takes the page's own forms.").ConfigureAwait(false);
            return null;
        }

        try
        {
            return await request.ReadFormAsync(new Microsoft.AspNetCore.Http.Features.FormOptions { ValueCountLimit = 16, KeyLengthLimit = 32, ValueLengthLimit = 2048 },
                page.Http.RequestAborted).ConfigureAwait(false);
        }
        catch (InvalidDataException)
        {
            await page.WriteMessageAsync(StatusCodes.Status400BadRequest, "Not a form", "The form could not be read.").ConfigureAwait(false);
            return null;
        }
    }
}
