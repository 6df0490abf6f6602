namespace SoMeScholar.Web.Shared;

/// <summary>The plans a section lists until its capability lands, and what the user can already do meanwhile.</summary>
public sealed record CapabilityIntro(Section Section, IReadOnlyList<string> Plans, string AvailableNow);
