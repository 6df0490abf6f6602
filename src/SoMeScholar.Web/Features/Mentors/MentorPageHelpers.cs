using System.Security.Claims;
using SoMeScholar.Core.Mentors;

namespace SoMeScholar.Web.Features.Mentors;

/// <summary>Small helpers the Mentors pages share: choice lists and the acting person.</summary>
public static class MentorPageHelpers
{
    public static readonly IReadOnlyList<MentoringAreas> Areas = [MentoringAreas.Career, MentoringAreas.Research, MentoringAreas.Clinical, MentoringAreas.Education];

    public static readonly IReadOnlyList<string> CommonTimeZones =
    [
        "America/Vancouver", "America/Chicago", "America/Toronto", "America/New_York", "America/Sao_Paulo", "Europe/London", "Europe/Berlin", "Europe/Paris",
        "Africa/Lagos", "Africa/Nairobi", "Asia/Kolkata", "Asia/Singapore", "Asia/Tokyo", "Australia/Sydney", "Pacific/Auckland", "UTC",
    ];

    public static string StageLabel(CareerStage stage) => stage switch
    {
        CareerStage.MedicalStudent => "Medical student",
        CareerStage.Resident => "Resident",
        CareerStage.Fellow => "Fellow",
        CareerStage.EarlyCareer => "Early career",
        CareerStage.MidCareer => "Mid career",
        _ => "Senior",
    };

    public static MentoringAreas Combine(IEnumerable<MentoringAreas>? areas) => (areas ?? []).Aggregate(MentoringAreas.None, (all, a) => all | a);

    public static Task<long> PersonAsync(ClaimsPrincipal user, MentorPeople people, CancellationToken cancellationToken) => MentorsApi.PersonAsync(user, people, cancellationToken);

    /// <summary>Splits a text box of hashtags or languages into items.</summary>
    public static IReadOnlyList<string> Items(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split([',', ' ', ';', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static string Percent(double value) => (value * 100).ToString("0", System.Globalization.CultureInfo.InvariantCulture);
}
