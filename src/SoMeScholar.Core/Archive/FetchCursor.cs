namespace SoMeScholar.Core.Archive;

/// <summary>
/// Where a harvest job (<c>somescholar fetch</c>) stands, by job key: the cursor of the next page, the newest id seen,
/// and whether it reached its end. Saved after the page before it is stored, so a stopped fetch continues there.
/// </summary>
public class FetchCursor
{
    public required string JobKey { get; set; }
    public string? Cursor { get; set; }
    public string? HighWaterMark { get; set; }
    public bool Completed { get; set; }
    public long Pages { get; set; }
    public long Records { get; set; }
    public DateTime UpdatedAt { get; set; }
}
