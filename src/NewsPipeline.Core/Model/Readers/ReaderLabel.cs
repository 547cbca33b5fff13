namespace NewsPipeline.Core.Model.Readers;

/// <summary>
/// What a label (a folder, or a tag on an item) may be: up to 200 characters without control characters (they would
/// split the stored list), and at most 100 on one subscription or item, so no row outgrows Table Storage whatever an
/// app sends.
/// </summary>
public static class ReaderLabel
{
    public const int MaxLength = 200;
    public const int MaxPerRow = 100;

    /// <summary>Why <paramref name="label"/> cannot be a label, or null.</summary>
    public static string? Problem(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        if (label.Trim().Length == 0)
        {
            return "A label needs a name.";
        }

        if (label.Length > MaxLength || label.Any(char.IsControl))
        {
            return $"A label is at most {MaxLength} characters, without control characters.";
        }

        return null;
    }

    /// <summary>A subscription's or item's title as stored: control characters out, at most 500 characters.</summary>
    public static string Title(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        var clean = new string(title.Where(c => !char.IsControl(c)).ToArray()).Trim();
        return clean.Length > 500 ? clean[..500] : clean;
    }
}
