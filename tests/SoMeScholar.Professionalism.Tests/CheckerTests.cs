using static SoMeScholar.Professionalism.FindingCategory;

namespace SoMeScholar.Professionalism.Tests;

public sealed class CombinationRuleTests
{
    private const string Story = "Mrs. Kowalczyk's neighbour found her on the floor: a 94-year-old from Scranton, admitted on March 3rd.";

    [Fact]
    public void A_case_story_with_two_kinds_of_quasi_identifier_is_high_severity_together()
    {
        var findings = Check.Findings("A 94-year-old from Scranton was admitted with sepsis.");
        Assert.Equal(Severity.Medium, findings.Single(f => f.Category == Age).Severity);
        var combination = Assert.Single(findings, f => f.Category == CombinationRisk);
        Assert.Equal(Severity.High, combination.Severity);
        Assert.Contains("age over 89", combination.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void One_quasi_identifier_alone_is_not_a_combination() =>
        Assert.DoesNotContain(Check.Findings("A 94-year-old was admitted with sepsis."), f => f.Category == CombinationRisk);

    [Fact]
    public void The_threshold_is_a_setting()
    {
        var settings = new ProfessionalismSettings { CombinationThreshold = 5 };
        Assert.DoesNotContain(ProfessionalismChecker.Check(Story, new CheckOptions { Settings = settings }).Findings, f => f.Category == CombinationRisk);
    }
}

public sealed class SettingsAndResultTests
{
    [Fact]
    public void A_high_severity_finding_blocks_by_default()
    {
        Assert.True(ProfessionalismChecker.Check("Call the daughter on 555-867-5309.").IsBlocking);
        Assert.False(ProfessionalismChecker.Check("Great journal club today on the ARDSNet trial.").IsBlocking);
    }

    [Fact]
    public void Severity_overrides_and_the_blocking_threshold_come_from_settings()
    {
        var settings = new ProfessionalismSettings { BlockingSeverity = Severity.Low };
        settings.SeverityOverrides[UnsourcedClaim] = Severity.Medium;
        var result = ProfessionalismChecker.Check("Never use succinylcholine in hyperkalemia.", new CheckOptions { Settings = settings });
        Assert.Equal(Severity.Medium, result.Findings.Single().Severity);
        Assert.True(result.IsBlocking);
    }

    [Fact]
    public void Disabled_categories_and_the_minimum_severity_leave_findings_out()
    {
        var settings = new ProfessionalismSettings { MinimumSeverity = Severity.Medium };
        settings.DisabledCategories.Add(Email);
        var result = ProfessionalismChecker.Check("Write to jo@example.com. Never use succinylcholine in hyperkalemia.", new CheckOptions { Settings = settings });
        Assert.Empty(result.Findings);
    }

    [Fact]
    public void Settings_survive_a_json_round_trip_for_the_admin_pages()
    {
        var settings = new ProfessionalismSettings { BlockingSeverity = Severity.Medium, CombinationThreshold = 3 };
        settings.SeverityOverrides[Profanity] = Severity.High;
        settings.AllowedTerms.Add("gomer");
        var json = System.Text.Json.JsonSerializer.Serialize(settings);
        var back = System.Text.Json.JsonSerializer.Deserialize<ProfessionalismSettings>(json)!;
        Assert.Equal(Severity.Medium, back.BlockingSeverity);
        Assert.Equal(3, back.CombinationThreshold);
        Assert.Equal(Severity.High, back.SeverityOverrides[Profanity]);
        Assert.DoesNotContain(ProfessionalismChecker.Check("Bed 5 is a total GOMER.", new CheckOptions { Settings = back }).Findings,
            f => f.Category == Derogatory);
    }

    [Fact]
    public void Nothing_inside_an_allowed_phrase_is_flagged()
    {
        const string Text = "My patient from Mercy General Hospital called last night. Mercy was her nurse.";
        var settings = new ProfessionalismSettings();
        settings.AllowedTerms.Add("mercy general hospital");

        var allowed = Check.Findings(Text, new CheckOptions { Settings = settings });

        Assert.DoesNotContain(allowed, f => f.Start >= 16 && f.End <= 38);
        Assert.Contains(allowed, f => f.Category == Date && f.Text == "last night");
        Assert.Contains(Check.Findings(Text), f => f.Start >= 16 && f.End <= 38);
    }

    [Theory]
    [InlineData("\n\n")]
    [InlineData("\r\n\r\n")]
    [InlineData("\n \t\n")]
    public void A_blank_line_ends_a_passage_for_the_combination_rule_whatever_the_line_endings(string blankLine)
    {
        const string First = "My patient, a 94-year-old, is doing well after her hip repair.";
        const string Second = "Another patient came in from Scranton with a hip fracture.";

        Assert.Contains(Check.Findings(First + " " + Second), f => f.Category == CombinationRisk);
        Assert.DoesNotContain(Check.Findings(First + blankLine + Second), f => f.Category == CombinationRisk);
    }

    [Fact]
    public void Overlapping_findings_of_one_kind_merge_and_the_longer_identifier_wins()
    {
        var findings = Check.Findings("Patient admitted to St. Luke's ICU with SSN 123-45-6789 on file.");
        Assert.Equal("St. Luke's ICU", Assert.Single(findings, f => f.Category == Place).Text);
        Assert.DoesNotContain(findings, f => f.Category == PersonName);
        Assert.Single(findings, f => f.Category == RecordNumber);
    }

    [Fact]
    public void Findings_are_in_text_order_with_exact_spans()
    {
        const string text = "Mr. Okafor, 96, was admitted last night. MRN: 1234567.";
        var findings = ProfessionalismChecker.Check(text).Findings.Where(f => f.Category != CombinationRisk).ToList();
        Assert.Equal(findings.OrderBy(f => f.Start), findings);
        Assert.All(findings, f => Assert.Equal(f.Text, text.Substring(f.Start, f.Length)));
    }

    [Fact]
    public void Suggested_text_generalises_each_identifier() =>
        Assert.Equal("A over 90 was admitted recently.", ProfessionalismChecker.Check("A 92-year-old was admitted yesterday.").SuggestedText());

    [Fact]
    public void Empty_text_has_no_findings() => Assert.Empty(ProfessionalismChecker.Check("").Findings);
}

public sealed class AttachmentRuleTests
{
    [Fact]
    public void Every_attachment_is_flagged_for_review_with_the_reason()
    {
        var options = new CheckOptions { Attachments = [new AttachmentInfo("xray.png", "image/png")] };
        var finding = Assert.Single(ProfessionalismChecker.Check("Classic pneumothorax!", options).Findings);
        Assert.Equal(Attachment, finding.Category);
        Assert.Equal(0, finding.AttachmentIndex);
        Assert.Contains("cannot see inside", finding.Reason, StringComparison.Ordinal);
        Assert.Equal(Severity.Medium, finding.Severity);
    }

    [Fact]
    public void An_attachment_whose_name_carries_an_identifier_is_high_severity()
    {
        var options = new CheckOptions { Attachments = [new AttachmentInfo("mrs_jones_MRN 4471902.jpg")] };
        var finding = Assert.Single(ProfessionalismChecker.Check("Look at this fracture.", options).Findings);
        Assert.Equal(Severity.High, finding.Severity);
        Assert.Contains("record number", finding.Reason, StringComparison.Ordinal);
    }
}

public sealed class DeidentificationTests
{
    [Fact]
    public void Replaces_identifiers_with_tags_and_lists_each_replacement()
    {
        const string text = "Mr. Okafor, 96, from Tulsa, was seen on March 3rd. Call 555-867-5309 or mail jo@example.com.";
        var result = ProfessionalismChecker.Deidentify(text);
        Assert.Equal("Mr. [NAME], [AGE], from [PLACE], was seen on [DATE]. Call [PHONE] or mail [EMAIL].", result.Text);
        Assert.All(result.Replacements, r =>
        {
            Assert.Equal(r.OriginalText, text.Substring(r.OriginalStart, r.OriginalLength));
            Assert.Equal(r.Tag, result.Text.Substring(r.Start, r.Length));
        });
    }

    [Fact]
    public void Replaces_identifiers_in_a_transcript_even_outside_a_case_story()
    {
        var result = ProfessionalismChecker.Deidentify("I started tweeting when I worked with Dr. Hannah Lindqvist in Spokane in June 2015.");
        Assert.Equal("I started tweeting when I worked with Dr. [NAME] in [PLACE] in [DATE].", result.Text);
    }

    [Fact]
    public void Leaves_text_without_identifiers_unchanged()
    {
        const string text = "Twitter chats helped me feel less isolated as a trainee.";
        var result = ProfessionalismChecker.Deidentify(text);
        Assert.Equal(text, result.Text);
        Assert.Empty(result.Replacements);
    }

    [Fact]
    public void Spans_stay_correct_after_non_ascii_text()
    {
        const string text = "Ça va? 🙂 Patient Søren Haddad, 93, admitted.";
        var result = ProfessionalismChecker.Deidentify(text);
        Assert.Equal("Ça va? 🙂 Patient [NAME], [AGE], admitted.", result.Text);
    }
}
