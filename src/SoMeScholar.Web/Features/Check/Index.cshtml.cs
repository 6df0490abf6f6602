using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using SoMeScholar.Core.Professionalism;
using SoMeScholar.Professionalism;
using SoMeScholar.Web.Shared;

namespace SoMeScholar.Web.Features.Check;

/// <summary>
/// The professionalism check page: paste a draft, see the findings highlighted in place with reasons and suggestions,
/// a suggested rewrite and a de-identified version. Open to guests as well as members (a writer should be able to
/// check before they have an account, and nothing is stored), rate-limited per user or address. The draft is sent by
/// POST so it never lands in a URL, a log line or the browser history; wwwroot/js/check.js re-checks as you type
/// through the JSON API when scripts run.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Checking)]
public sealed class IndexModel(ProfessionalismService professionalism) : PageModel
{
    /// <summary>A synthetic case story (no real patient) that shows every kind of finding.</summary>
    public const string ExampleDraft =
        "Synthetic example. Last night my patient Mrs. Eleanor Whitfield, a 94-year-old from Scranton, came into St. Mary's ICU bed 4 with urosepsis. " +
        "Her son (570-555-0143) asked us to call him. MRN 4471902.\n\n" +
        "Always start ceftriaxone 2 g in every elderly patient with a fever! Use code MEDED20 for 20% off our new stethoscope.";

    [BindProperty]
    [Display(Name = "Draft")]
    [StringLength(ProfessionalismService.MaxTextLength, ErrorMessage = "The draft is too long: at most {1} characters are checked at once.")]
    public string? Draft { get; set; }

    [BindProperty]
    [Display(Name = "Attachments")]
    [StringLength(10_000)]
    public string? Attachments { get; set; }

    public StoredProfessionalismSettings Settings { get; private set; } = null!;

    public CheckResult? Result { get; private set; }

    public IReadOnlyList<HighlightSegment> Segments { get; private set; } = [];

    public IReadOnlyList<AttachmentInfo> AttachmentList { get; private set; } = [];

    public DeidentifiedText? Deidentified { get; private set; }

    public IReadOnlyList<HighlightSegment> DeidentifiedSegments { get; private set; } = [];

    public string? Error { get; private set; }

    public async Task OnGetAsync(bool example, CancellationToken cancellationToken)
    {
        Settings = await professionalism.StoredSettingsAsync(cancellationToken);
        if (example)
        {
            Draft = ExampleDraft;
            Attachments = "whitfield_ct_0312.jpg | CT of the abdomen";
            await CheckAsync(cancellationToken);
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Settings = await professionalism.StoredSettingsAsync(cancellationToken);
        if (!ModelState.IsValid)
        {
            Error = string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage));
        }
        else if (string.IsNullOrWhiteSpace(Draft))
        {
            Error = "Paste a draft to check.";
        }
        else
        {
            await CheckAsync(cancellationToken);
        }

        return Page();
    }

    public string Piece(HighlightSegment segment) => Result!.Text.Substring(segment.Start, segment.Length);

    public string DeidentifiedPiece(HighlightSegment segment) => Deidentified!.Text.Substring(segment.Start, segment.Length);

    /// <summary>CSS classes of a highlight: one per category covering it, and the highest severity.</summary>
    public string MarkClass(HighlightSegment segment)
    {
        var findings = segment.Findings.Select(i => Result!.Findings[i]).ToList();
        // The severity shown is the piece's own (a low place stays low inside a high combination, which is underlined).
        var own = findings.Where(f => f.Category != FindingCategory.CombinationRisk).DefaultIfEmpty(findings[0]).Max(f => f!.Severity);
        return string.Join(' ', findings.Select(f => CategoryClass(f.Category)).Distinct().Append(SeverityClass(own)));
    }

    /// <summary>The findings' numbers as shown in the list, e.g. "1 4".</summary>
    public string MarkNumbers(HighlightSegment segment) => string.Join(' ', segment.Findings.Select(i => i + 1));

    public string MarkTitle(HighlightSegment segment) =>
        string.Join("; ", segment.Findings.Select(i => Result!.Findings[i]).Select(f => $"{FindingCategories.Label(f.Category)} ({f.Severity.ToString().ToLowerInvariant()})"));

    public string TagClass(HighlightSegment segment) => CategoryClass(Deidentified!.Replacements[segment.Findings[0]].Category);

    public static string CategoryClass(FindingCategory category) => "cat-" + category.ToString().ToLowerInvariant();

    public static string SeverityClass(Severity severity) => "sev-" + severity.ToString().ToLowerInvariant();

    public IEnumerable<Finding> Combinations => Result?.Findings.Where(f => f.Category == FindingCategory.CombinationRisk) ?? [];

    public string AttachmentName(Finding finding) =>
        finding.AttachmentIndex is { } index && index < AttachmentList.Count ? AttachmentList[index].FileName : "";

    private async Task CheckAsync(CancellationToken cancellationToken)
    {
        // Browsers submit a textarea with CRLF line endings; the highlighted text and the API (JavaScript strings) use LF.
        Draft = Draft!.ReplaceLineEndings("\n");
        AttachmentList = ProfessionalismService.ParseAttachments(Attachments);
        if (AttachmentList.Count > ProfessionalismService.MaxAttachments)
        {
            Error = $"At most {ProfessionalismService.MaxAttachments} attachments are checked at once ({AttachmentList.Count} listed).";
            return;
        }

        Result = await professionalism.CheckAsync(Draft!, AttachmentList, cancellationToken: cancellationToken);
        Segments = Highlighter.Segment(Result.Text.Length, [.. Result.Findings.Select(f => (f.Start, f.Length))]);
        Deidentified = await professionalism.DeidentifyAsync(Draft!, cancellationToken: cancellationToken);
        DeidentifiedSegments = Highlighter.Segment(Deidentified.Text.Length, [.. Deidentified.Replacements.Select(r => (r.Start, r.Length))]);
    }
}
