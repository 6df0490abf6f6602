using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Mentors.Recommendation;

namespace SoMeScholar.Core.Mentors;

/// <summary>
/// What a trainee looks for. Stored per person (<see cref="TraineeRequest"/>) from the web, or given ad hoc to the
/// CLI and API, where <see cref="AccountHandles"/> can name the trainee's archived accounts for network proximity.
/// </summary>
public sealed record TraineeRequestInput
{
    public IReadOnlyList<string> Topics { get; init; } = [];
    public IReadOnlyList<string> Hashtags { get; init; } = [];
    public string? FreeText { get; init; }
    public string? Specialty { get; init; }
    public CareerStage? CareerStage { get; init; }
    public string? TimeZone { get; init; }
    public IReadOnlyList<string> Languages { get; init; } = [];
    public MentoringAreas Seeking { get; init; }

    /// <summary>Handles (or external ids) of the trainee's accounts in the archive; ad hoc requests only.</summary>
    public IReadOnlyList<string> AccountHandles { get; init; } = [];

    public static TraineeRequestInput From(TraineeRequest request) => new()
    {
        Topics = MentorText.Lines(request.Topics),
        Hashtags = MentorText.Hashtags(request.Hashtags),
        FreeText = request.FreeText,
        Specialty = request.Specialty,
        CareerStage = request.CareerStage,
        TimeZone = request.TimeZone,
        Languages = Recommendation.Languages.Split(request.Languages),
        Seeking = request.Seeking,
    };

    public static void Validate(TraineeRequestInput input)
    {
        var problems = new List<string>();
        if (input.Topics.All(string.IsNullOrWhiteSpace) && input.Hashtags.All(string.IsNullOrWhiteSpace) && string.IsNullOrWhiteSpace(input.FreeText) && string.IsNullOrWhiteSpace(input.Specialty))
        {
            problems.Add("Say what interests you: topics, hashtags, a few words or a specialty.");
        }

        if (input.Topics.Count > MentorProfiles.MaxTopics || input.Hashtags.Count > MentorProfiles.MaxTopics)
        {
            problems.Add($"At most {MentorProfiles.MaxTopics} topics and {MentorProfiles.MaxTopics} hashtags.");
        }

        if (input.Topics.Any(t => t.Length > 100))
        {
            problems.Add("Each topic has at most 100 characters.");
        }

        if (input.FreeText?.Length > 2000)
        {
            problems.Add("The description has at most 2,000 characters.");
        }

        if (!string.IsNullOrWhiteSpace(input.TimeZone) && !TimeZones.IsKnown(input.TimeZone))
        {
            problems.Add($"Unknown time zone '{input.TimeZone}': use an IANA name such as Europe/London.");
        }

        problems.AddRange(MentorProfiles.LanguageProblems(input.Languages));
        if (problems.Count > 0)
        {
            throw new MentorRuleException(string.Join(" ", problems));
        }
    }
}

/// <summary>Saving and reading a trainee's request (one per person).</summary>
public sealed class TraineeRequests(ScholarDb db, TimeProvider clock)
{
    public async Task<TraineeRequest?> ForPersonAsync(long personId, CancellationToken cancellationToken = default) =>
        await db.TraineeRequests.AsNoTracking().FirstOrDefaultAsync(r => r.PersonId == personId, cancellationToken);

    public async Task<TraineeRequest> SaveAsync(long personId, TraineeRequestInput input, CancellationToken cancellationToken = default)
    {
        TraineeRequestInput.Validate(input);
        var now = clock.GetUtcNow().UtcDateTime;
        var request = await db.TraineeRequests.FirstOrDefaultAsync(r => r.PersonId == personId, cancellationToken);
        if (request is null)
        {
            request = new TraineeRequest { PersonId = personId, CreatedAt = now };
            db.TraineeRequests.Add(request);
        }

        request.Topics = MentorText.JoinLines(input.Topics);
        request.Hashtags = MentorText.JoinHashtags(input.Hashtags);
        request.FreeText = string.IsNullOrWhiteSpace(input.FreeText) ? null : input.FreeText.Trim();
        request.Specialty = string.IsNullOrWhiteSpace(input.Specialty) ? null : input.Specialty.Trim();
        request.CareerStage = input.CareerStage ?? CareerStage.Resident;
        request.TimeZone = string.IsNullOrWhiteSpace(input.TimeZone) ? null : input.TimeZone.Trim();
        request.Languages = input.Languages.Count == 0 ? null : MentorText.JoinLanguages(input.Languages);
        request.Seeking = input.Seeking;
        request.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return request;
    }
}
