namespace SoMeScholar.Core.Mentors.Recommendation;

/// <summary>
/// What a trainee asks for, in the index's terms: their interests, constraints and their own archived accounts
/// (dense account indices) for network proximity.
/// </summary>
public sealed record MentorQuery
{
    public IReadOnlyList<string> Topics { get; init; } = [];
    public IReadOnlyList<string> Hashtags { get; init; } = [];
    public string? FreeText { get; init; }
    public string? Specialty { get; init; }
    public CareerStage? CareerStage { get; init; }
    public string? TimeZone { get; init; }
    public IReadOnlyList<string> Languages { get; init; } = [];
    public MentoringAreas Seeking { get; init; }

    /// <summary>The trainee's own accounts in the index (their follows and engagement give network proximity).</summary>
    public IReadOnlyList<int> TraineeAccounts { get; init; } = [];

    /// <summary>The trainee's person: their own mentor profile, if any, is never recommended to them.</summary>
    public long? TraineePersonId { get; init; }

    /// <summary>
    /// Evaluation only: accounts whose ties with the trainee are hidden (follows either way, engagement, their replies
    /// to the trainee). Production queries leave this empty.
    /// </summary>
    public IReadOnlySet<int>? HiddenPartners { get; init; }

    /// <summary>Evaluation only: accounts never ranked (e.g. the trainee's visible partners).</summary>
    public IReadOnlySet<int>? ExcludedAccounts { get; init; }
}

/// <summary>Whether a mentor can be recommended right now (opted in, not paused, a place free, not blocking this trainee).</summary>
public readonly record struct MentorAvailability(bool Available, int OpenPlaces)
{
    public static MentorAvailability Open(int places) => new(true, places);

    public static MentorAvailability Closed => new(false, 0);
}
