using System.Text.Json.Serialization;
using SoMeScholar.Core.People;

namespace SoMeScholar.Core.Mentors;

/// <summary>Where someone is in their career (JSON: the name; reading ignores case). Mentors are usually later than the trainees they mentor; the recommender prefers that.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CareerStage>))]
public enum CareerStage
{
    MedicalStudent,
    Resident,
    Fellow,
    EarlyCareer,
    MidCareer,
    Senior,
}

/// <summary>What a trainee seeks and what a mentor offers. Stored as an integer bit set.</summary>
[Flags]
[JsonConverter(typeof(JsonStringEnumConverter<MentoringAreas>))]
public enum MentoringAreas
{
    None = 0,
    Career = 1,
    Research = 2,
    Clinical = 4,
    Education = 8,
}

[JsonConverter(typeof(JsonStringEnumConverter<MentorStatus>))]
public enum MentorStatus
{
    /// <summary>Opted in and recommended (while places are free).</summary>
    Active,

    /// <summary>Opted in but not taking requests for now; never recommended.</summary>
    Paused,

    /// <summary>Left the programme; never recommended. The profile stays so past introductions keep their history.</summary>
    Left,
}

[JsonConverter(typeof(JsonStringEnumConverter<IntroductionStatus>))]
public enum IntroductionStatus
{
    /// <summary>Sent by the trainee, waiting for the mentor.</summary>
    Pending,

    /// <summary>The mentor accepted: the trainee takes one of the mentor's places until the mentoring ends.</summary>
    Accepted,

    Declined,

    /// <summary>The trainee withdrew the request before the mentor answered.</summary>
    Withdrawn,

    /// <summary>An accepted mentoring that either side has ended; the place is free again.</summary>
    Ended,
}

[JsonConverter(typeof(JsonStringEnumConverter<MentorNotificationKind>))]
public enum MentorNotificationKind
{
    IntroductionRequested,
    IntroductionAccepted,
    IntroductionDeclined,
    IntroductionWithdrawn,
    MentoringEnded,
}

/// <summary>
/// A person's opt-in as a mentor. Only people with a profile in <see cref="MentorStatus.Active"/> and a free place are
/// ever recommended. The person's archived accounts give the recommender what they post about and whom they talk to;
/// the fields here are what the mentor states.
/// </summary>
public class MentorProfile
{
    public long Id { get; set; }
    public long PersonId { get; set; }
    public Person? Person { get; set; }

    public MentorStatus Status { get; set; }

    /// <summary>Mentoring topics, one per line (free text or #hashtags).</summary>
    public string Topics { get; set; } = "";

    public string? Specialty { get; set; }
    public CareerStage CareerStage { get; set; }

    /// <summary>IANA time zone id, e.g. Europe/London.</summary>
    public string? TimeZone { get; set; }

    /// <summary>Comma-separated language tags, e.g. "en,fr".</summary>
    public string? Languages { get; set; }

    public MentoringAreas Offers { get; set; }

    /// <summary>How many mentees at once; a profile is full when this many introductions are accepted and not ended.</summary>
    public int Capacity { get; set; }

    /// <summary>How the mentor likes to be approached (Markdown, shown sanitised).</summary>
    public string? Approach { get; set; }

    /// <summary>Demo data: created by the demo community, not by a person.</summary>
    public bool IsSynthetic { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? PausedAt { get; set; }
    public DateTime? LeftAt { get; set; }
}

/// <summary>A trainee's statement of what they look for. One per person; editing it replaces it.</summary>
public class TraineeRequest
{
    public long Id { get; set; }
    public long PersonId { get; set; }
    public Person? Person { get; set; }

    /// <summary>Topics, one per line.</summary>
    public string Topics { get; set; } = "";

    /// <summary>Hashtags, space- or comma-separated, with or without '#'.</summary>
    public string Hashtags { get; set; } = "";

    public string? FreeText { get; set; }
    public string? Specialty { get; set; }
    public CareerStage CareerStage { get; set; }
    public string? TimeZone { get; set; }
    public string? Languages { get; set; }
    public MentoringAreas Seeking { get; set; }
    public bool IsSynthetic { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>
/// An introduction request: a message from a trainee to a mentor, which the mentor accepts or declines. Keeps the
/// recommendation's reason as it was shown, so the mentor sees why the system suggested them.
/// </summary>
public class MentorIntroduction
{
    public long Id { get; set; }
    public long MentorProfileId { get; set; }
    public MentorProfile? MentorProfile { get; set; }
    public long TraineePersonId { get; set; }
    public Person? TraineePerson { get; set; }

    public IntroductionStatus Status { get; set; }
    public string Message { get; set; } = "";

    /// <summary>The plain-language reason shown to the trainee when they chose this mentor, if they came from a recommendation.</summary>
    public string? Reason { get; set; }

    public string? ResponseMessage { get; set; }
    public bool IsSynthetic { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? RespondedAt { get; set; }
    public DateTime? EndedAt { get; set; }
}

/// <summary>A mentor's block of a trainee: no recommendation of the mentor to them, no introduction requests from them.</summary>
public class MentorBlock
{
    public long MentorProfileId { get; set; }
    public MentorProfile? MentorProfile { get; set; }
    public long TraineePersonId { get; set; }
    public Person? TraineePerson { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>An in-app notice to a person about their introductions (shown on the Mentors pages until read).</summary>
public class MentorNotification
{
    public long Id { get; set; }
    public long PersonId { get; set; }
    public Person? Person { get; set; }
    public long? IntroductionId { get; set; }
    public MentorIntroduction? Introduction { get; set; }
    public MentorNotificationKind Kind { get; set; }
    public string Text { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }
}
