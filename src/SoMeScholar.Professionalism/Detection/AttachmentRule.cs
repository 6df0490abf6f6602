namespace SoMeScholar.Professionalism.Detection;

/// <summary>
/// Attachments are flagged for a person to review, with the reason, because the check does not look inside them.
/// The file name and alt text are checked as text: "jones_mri_0312.jpg" names the patient.
/// </summary>
internal static class AttachmentRule
{
    public static IEnumerable<Finding> Findings(IReadOnlyList<AttachmentInfo> attachments, Func<string, CheckResult> checkText)
    {
        for (var index = 0; index < attachments.Count; index++)
        {
            var attachment = attachments[index];
            var kind = Kind(attachment);
            var alsoFound = checkText(string.Join(" ", attachment.FileName.Replace('_', ' ').Replace('-', ' '), attachment.AltText))
                .Findings.Where(f => FindingCategories.IsIdentifier(f.Category)).ToList();
            var reason = kind switch
            {
                "image" => "An image can show a face, a wristband, a monitor or chart, a tattoo, a room number or a date stamp; the check cannot see inside it.",
                "video" => "A video can show or let you hear a patient, staff, screens and places; the check cannot see inside it.",
                _ => "An attached document can contain identifiers (names, dates, record numbers) that the check does not read.",
            };
            if (alsoFound.Count > 0)
            {
                reason += " Its name or description mentions: " + string.Join(", ", alsoFound.Select(f => FindingCategories.Label(f.Category) + " \"" + f.Text + "\"")) + ".";
            }

            yield return new Finding
            {
                Start = 0,
                Length = 0,
                Category = FindingCategory.Attachment,
                Severity = alsoFound.Count > 0 ? Severity.High : Severity.Medium,
                Text = "",
                Reason = $"\"{attachment.FileName}\": {reason}",
                Suggestion = "Check it yourself before posting: crop or blur anything that could identify a patient, remove metadata, and have consent for any recognisable person.",
                Rule = "attachment.review",
                AttachmentIndex = index,
            };
        }
    }

    private static string Kind(AttachmentInfo attachment)
    {
        var media = attachment.MediaType ?? "";
        var extension = Path.GetExtension(attachment.FileName).ToUpperInvariant();
        if (media.StartsWith("image/", StringComparison.OrdinalIgnoreCase) || extension is ".JPG" or ".JPEG" or ".PNG" or ".GIF" or ".HEIC" or ".WEBP" or ".BMP" or ".TIF" or ".TIFF" or ".DCM")
        {
            return "image";
        }

        return media.StartsWith("video/", StringComparison.OrdinalIgnoreCase) || extension is ".MP4" or ".MOV" or ".AVI" or ".WEBM" or ".MKV"
            ? "video"
            : "document";
    }
}
