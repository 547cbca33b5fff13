namespace NewsPipeline.Core.Reading.Stories;

/// <summary>How stories are found; the pipeline and <c>newsfeed cluster</c> use the same values (configuration: <c>Stories__*</c>).</summary>
public sealed class StorySettings
{
    /// <summary>
    /// Whether the parse stage clusters articles into stories (about 18 table requests an article, at most 20). Off, articles get
    /// no story: for a bulk re-parse where that cost is not wanted, and for the Azurite scale tests of other subjects,
    /// where Azurite's whole-table scans make each story query cost as much as the table is large.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Reports further apart than this (by published time) are never one story.</summary>
    public int WindowHours { get; set; } = 48;

    /// <summary>
    /// The cosine an article must reach with an earlier report to join its story. In a window of only a handful of
    /// articles every term looks rare and a response can reach it; with a day of other reports around, it does not
    /// (Fixtures/stories, docs/performance/stories.md).
    /// </summary>
    public double JoinThreshold { get; set; } = 0.16;

    /// <summary>
    /// The cosine an article must reach with a report of a second story to merge the two: higher than joining,
    /// because one article matching two stories loosely is how single-link clustering chains unrelated events.
    /// </summary>
    public double MergeThreshold { get; set; } = 0.5;

    /// <summary>Terms an article is filed under (a table row and a query each): the cost per article, and the recall.</summary>
    public int Keys { get; set; } = 7;

    /// <summary>Terms kept in an article's vector.</summary>
    public int VectorTerms { get; set; } = 48;

    /// <summary>Rows read for one key: one request's page. A key this common is no evidence anyway.</summary>
    public int MaxRowsPerKey { get; set; } = 200;

    /// <summary>Characters of the article's text read after its title.</summary>
    public int LeadChars { get; set; } = 600;

    /// <summary>How much of the score is the titles' likeness (the rest is the title and lead together).</summary>
    public double TitleShare { get; set; }

    /// <summary>How much a score loses when the two reports are a whole window apart (linearly, none at the same time).</summary>
    public double TimeDecay { get; set; } = 0.5;

    /// <summary>
    /// How much of its score a match keeps when both reports come from the same outlet. One story, many outlets: an
    /// outlet's second report within the window is more often the next step of the affair than the same event again,
    /// and an outlet's own boilerplate (caption credits, title suffixes) makes its reports look alike.
    /// </summary>
    public double SameOutletFactor { get; set; } = 0.6;

    /// <summary>How much a term in the title counts against one in the lead.</summary>
    public double TitleWeight { get; set; } = 2;

    public TimeSpan Window => TimeSpan.FromHours(WindowHours);
}
