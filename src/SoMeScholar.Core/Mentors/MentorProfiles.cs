using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Mentors.Recommendation;

namespace SoMeScholar.Core.Mentors;

/// <summary>What a mentor states when opting in or editing their profile.</summary>
public sealed record MentorProfileInput
{
    public IReadOnlyList<string> Topics { get; init; } = [];
    public string? Specialty { get; init; }
    public CareerStage CareerStage { get; init; } = CareerStage.MidCareer;
    public string? TimeZone { get; init; }
    public IReadOnlyList<string> Languages { get; init; } = [];
    public MentoringAreas Offers { get; init; }
    public int Capacity { get; init; } = 2;
    public string? Approach { get; init; }
}

/// <summary>A mentor profile as pages, the API and the CLI show it.</summary>
public sealed record MentorProfileView(
    long Id,
    long PersonId,
    string Name,
    string Slug,
    MentorStatus Status,
    IReadOnlyList<string> Topics,
    string? Specialty,
    string? Institution,
    CareerStage CareerStage,
    string? TimeZone,
    IReadOnlyList<string> Languages,
    IReadOnlyList<string> Offers,
    int Capacity,
    int ActiveMentees,
    int PendingRequests,
    string? Approach,
    bool IsSynthetic,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    public int OpenPlaces => Math.Max(0, Capacity - ActiveMentees);

    public bool IsFull => ActiveMentees >= Capacity;
}

/// <summary>The section at a glance: mentors by status and specialty, places, requests and introductions.</summary>
public sealed record MentorOverview(
    int Active,
    int Paused,
    int Left,
    int OpenPlaces,
    int TraineeRequests,
    IReadOnlyDictionary<IntroductionStatus, int> Introductions,
    IReadOnlyList<(string Specialty, int Mentors, int OpenPlaces)> BySpecialty);

/// <summary>Opting in as a mentor, editing, pausing, resuming and leaving. Every change is the mentor's own.</summary>
public sealed class MentorProfiles(ScholarDb db, TimeProvider clock)
{
    public const int MaxTopics = 20;
    public const int MaxCapacity = 20;

    public async Task<MentorProfileView?> ForPersonAsync(long personId, CancellationToken cancellationToken = default) =>
        (await ViewsAsync(db.MentorProfiles.Where(p => p.PersonId == personId), cancellationToken)).FirstOrDefault();

    public async Task<MentorProfileView?> GetAsync(long profileId, CancellationToken cancellationToken = default) =>
        (await ViewsAsync(db.MentorProfiles.Where(p => p.Id == profileId), cancellationToken)).FirstOrDefault();

    /// <summary>Profiles in a status (all when null), by name.</summary>
    public async Task<IReadOnlyList<MentorProfileView>> ListAsync(MentorStatus? status, CancellationToken cancellationToken = default) =>
        await ViewsAsync(status is { } s ? db.MentorProfiles.Where(p => p.Status == s) : db.MentorProfiles, cancellationToken);

    public async Task<MentorOverview> OverviewAsync(CancellationToken cancellationToken = default)
    {
        var profiles = await ViewsAsync(db.MentorProfiles, cancellationToken);
        var active = profiles.Where(p => p.Status == MentorStatus.Active).ToList();
        var introductions = await db.MentorIntroductions.GroupBy(i => i.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        return new MentorOverview(
            active.Count,
            profiles.Count(p => p.Status == MentorStatus.Paused),
            profiles.Count(p => p.Status == MentorStatus.Left),
            active.Sum(p => p.OpenPlaces),
            await db.TraineeRequests.CountAsync(cancellationToken),
            introductions.ToDictionary(i => i.Key, i => i.Count),
            active.GroupBy(p => p.Specialty ?? "Other").Select(g => (g.Key, g.Count(), g.Sum(p => p.OpenPlaces)))
                .OrderByDescending(g => g.Item2).ThenBy(g => g.Key, StringComparer.Ordinal).ToList());
    }

    /// <summary>Opts the person in (or updates their profile); an existing profile that had left becomes active again.</summary>
    public async Task<MentorProfileView> SaveAsync(long personId, MentorProfileInput input, CancellationToken cancellationToken = default)
    {
        Validate(input);
        var now = clock.GetUtcNow().UtcDateTime;
        var profile = await db.MentorProfiles.FirstOrDefaultAsync(p => p.PersonId == personId, cancellationToken);
        if (profile is null)
        {
            if (!await db.People.AnyAsync(p => p.Id == personId, cancellationToken))
            {
                throw new MentorRuleException("Unknown person.");
            }

            profile = new MentorProfile { PersonId = personId, CreatedAt = now, Status = MentorStatus.Active };
            db.MentorProfiles.Add(profile);
        }
        else if (profile.Status == MentorStatus.Left)
        {
            profile.Status = MentorStatus.Active;
            profile.LeftAt = null;
        }

        profile.Topics = MentorText.JoinLines(input.Topics);
        profile.Specialty = Clean(input.Specialty);
        profile.CareerStage = input.CareerStage;
        profile.TimeZone = Clean(input.TimeZone);
        profile.Languages = input.Languages.Count == 0 ? null : MentorText.JoinLanguages(input.Languages);
        profile.Offers = input.Offers;
        profile.Capacity = input.Capacity;
        profile.Approach = Clean(input.Approach);
        profile.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return (await GetAsync(profile.Id, cancellationToken))!;
    }

    /// <summary>Stops recommendations and new requests until resumed. Pending requests stay for the mentor to answer.</summary>
    public Task PauseAsync(long personId, CancellationToken cancellationToken = default) => SetStatusAsync(personId, MentorStatus.Paused, cancellationToken);

    public Task ResumeAsync(long personId, CancellationToken cancellationToken = default) => SetStatusAsync(personId, MentorStatus.Active, cancellationToken);

    /// <summary>Leaves the programme: never recommended again; pending requests are declined, active mentorings stay until ended.</summary>
    public async Task LeaveAsync(long personId, CancellationToken cancellationToken = default)
    {
        await SetStatusAsync(personId, MentorStatus.Left, cancellationToken);
        var profileId = await db.MentorProfiles.Where(p => p.PersonId == personId).Select(p => p.Id).FirstAsync(cancellationToken);
        var pending = await db.MentorIntroductions.Where(i => i.MentorProfileId == profileId && i.Status == IntroductionStatus.Pending).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var introduction in pending)
        {
            introduction.Status = IntroductionStatus.Declined;
            introduction.RespondedAt = now;
            introduction.ResponseMessage = "The mentor has left the mentoring programme.";
            db.MentorNotifications.Add(new MentorNotification
            {
                PersonId = introduction.TraineePersonId,
                IntroductionId = introduction.Id,
                Kind = MentorNotificationKind.IntroductionDeclined,
                Text = "A mentor you asked for an introduction has left the mentoring programme.",
                CreatedAt = now,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public static void Validate(MentorProfileInput input)
    {
        var problems = new List<string>();
        if (input.Topics.All(string.IsNullOrWhiteSpace))
        {
            problems.Add("Name at least one mentoring topic.");
        }

        if (input.Topics.Count > MaxTopics)
        {
            problems.Add($"At most {MaxTopics} topics.");
        }

        if (input.Topics.Any(t => t.Length > 100))
        {
            problems.Add("Each topic has at most 100 characters.");
        }

        if (input.Capacity is < 1 or > MaxCapacity)
        {
            problems.Add($"Capacity is between 1 and {MaxCapacity} mentees.");
        }

        if (input.Offers == MentoringAreas.None)
        {
            problems.Add("Offer at least one area: career, research, clinical or education.");
        }

        if (!string.IsNullOrWhiteSpace(input.TimeZone) && !TimeZones.IsKnown(input.TimeZone))
        {
            problems.Add($"Unknown time zone '{input.TimeZone}': use an IANA name such as Europe/London.");
        }

        problems.AddRange(LanguageProblems(input.Languages));
        if (input.Approach?.Length > 2000)
        {
            problems.Add("How to approach you has at most 2,000 characters.");
        }

        if (input.Specialty?.Length > 128)
        {
            problems.Add("Specialty has at most 128 characters.");
        }

        if (problems.Count > 0)
        {
            throw new MentorRuleException(string.Join(" ", problems));
        }
    }

    internal static IEnumerable<string> LanguageProblems(IReadOnlyList<string> languages)
    {
        foreach (var language in languages)
        {
            var tag = language.Trim();
            if (tag.Length is < 2 or > 12 || !tag.All(c => char.IsAsciiLetter(c) || c == '-'))
            {
                yield return $"'{language}' is not a language tag (use codes such as en, fr, pt-BR).";
            }
        }
    }

    private async Task SetStatusAsync(long personId, MentorStatus status, CancellationToken cancellationToken)
    {
        var profile = await db.MentorProfiles.FirstOrDefaultAsync(p => p.PersonId == personId, cancellationToken)
            ?? throw new MentorRuleException("You have no mentor profile.");
        var now = clock.GetUtcNow().UtcDateTime;
        profile.Status = status;
        profile.PausedAt = status == MentorStatus.Paused ? now : null;
        profile.LeftAt = status == MentorStatus.Left ? now : null;
        profile.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<List<MentorProfileView>> ViewsAsync(IQueryable<MentorProfile> profiles, CancellationToken cancellationToken)
    {
        var rows = await profiles.AsNoTracking()
            .Select(p => new
            {
                Profile = p,
                p.Person!.DisplayName,
                p.Person.Slug,
                p.Person.Institution,
                PersonSpecialty = p.Person.Specialty,
                PersonTimeZone = p.Person.TimeZone,
                PersonLanguages = p.Person.Languages,
                Active = db.MentorIntroductions.Count(i => i.MentorProfileId == p.Id && i.Status == IntroductionStatus.Accepted),
                Pending = db.MentorIntroductions.Count(i => i.MentorProfileId == p.Id && i.Status == IntroductionStatus.Pending),
            })
            .ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.DisplayName, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.Profile.Id)
            .Select(r => new MentorProfileView(
                r.Profile.Id,
                r.Profile.PersonId,
                r.DisplayName,
                r.Slug,
                r.Profile.Status,
                MentorText.Lines(r.Profile.Topics),
                r.Profile.Specialty ?? r.PersonSpecialty,
                r.Institution,
                r.Profile.CareerStage,
                r.Profile.TimeZone ?? r.PersonTimeZone,
                Languages.Split(r.Profile.Languages ?? r.PersonLanguages),
                MentorText.AreaNames(r.Profile.Offers),
                r.Profile.Capacity,
                r.Active,
                r.Pending,
                r.Profile.Approach,
                r.Profile.IsSynthetic,
                r.Profile.CreatedAt,
                r.Profile.UpdatedAt))
            .ToList();
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
