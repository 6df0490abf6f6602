using SoMeScholar.Core.Research;

namespace SoMeScholar.Web.Features.Research;

/// <summary>The model of the study header partial: which study, which tab, and the message of the last change.</summary>
public sealed record StudyTabs(StudyHeader Header, string Active, string? Message, string? Error)
{
    public static readonly IReadOnlyList<(string Page, string Label)> Pages =
    [
        ("Study", "Overview"),
        ("Frames", "Sampling frames"),
        ("Snowball", "Snowball"),
        ("Transcripts", "Transcripts"),
        ("Codebook", "Codebook"),
        ("Analysis", "Analysis"),
        ("Agreement", "Agreement"),
        ("MemberChecks", "Member check"),
        ("Audit", "Audit trail"),
        ("Exchange", "Export and import"),
    ];
}
