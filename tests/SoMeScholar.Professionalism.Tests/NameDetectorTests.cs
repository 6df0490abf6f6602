using static SoMeScholar.Professionalism.FindingCategory;

namespace SoMeScholar.Professionalism.Tests;

public sealed class NameDetectorTests
{
    [Theory]
    [InlineData("My patient Linda Johnson presented with chest pain.", "Linda Johnson")]
    [InlineData("Mr. Okonkwo came in with a GI bleed.", "Okonkwo")]
    [InlineData("Mrs Garcia fell at home and broke her hip.", "Garcia")]
    [InlineData("Oluwaseun, 53, presented with a painless jaw mass.", "Oluwaseun")]
    [InlineData("Pt Harold was admitted with DKA.", "Harold")]
    [InlineData("Admitted a woman with cellulitis; her husband Tomasz refuses to leave her side.", "Tomasz")]
    [InlineData("Can anyone reach Dorothy's daughter? The patient is asking.", "Dorothy")]
    [InlineData("Just discharged Priyanka after 43 days in the unit.", "Priyanka")]
    [InlineData("Grandpa Walter in bed 4 sang Sinatra all night.", "Walter")]
    public void Flags_a_name_told_as_part_of_a_case(string text, string name) => Check.Flags(text, PersonName, name);

    [Fact]
    public void A_name_in_a_case_story_is_high_severity() =>
        Assert.Equal(Severity.High, Check.Findings("My patient Linda Johnson presented with chest pain.").Single(f => f.Category == PersonName).Severity);

    [Theory]
    [InlineData("Parkinson's disease: the new levodopa guideline is out.")]
    [InlineData("Crohn's vs UC, a visual summary for students.")]
    [InlineData("Apgar score of 9 at 5 minutes. Which are the five components?")]
    [InlineData("A 45-year-old with a positive Murphy's sign: ultrasound shows stones.")]
    [InlineData("Started the patient on Eliquis and Keppra.")]
    [InlineData("Florence Nightingale invented the polar area chart.")]
    [InlineData("William Osler: listen to your patient, he is telling you the diagnosis.")]
    [InlineData("Dr. Sarah Chen gave a brilliant talk on POCUS.")]
    [InlineData("Congrats to Dr. Patel and Dr. Okafor on the new grant!")]
    [InlineData("Per the guideline, give 30 mL/kg in septic shock (Evans L, Crit Care Med 2021).")]
    public void Does_not_flag_eponyms_drugs_famous_people_or_credited_colleagues(string text) => Check.DoesNotFlag(text, PersonName);

    [Fact]
    public void Known_names_such_as_coauthors_are_not_flagged()
    {
        var options = new CheckOptions { KnownNames = ["Maria Santos"] };
        Assert.Empty(Check.Flagged("Our patient case with Maria Santos presented at grand rounds.", PersonName, options));
    }

    [Fact]
    public void A_name_after_a_title_is_flagged_with_no_clinical_words_around_it() =>
        Check.Flags("Say hello to Mr. Abernathy from me.", PersonName, "Abernathy");

    [Fact]
    public void A_listed_given_name_with_no_case_story_is_not_flagged() =>
        Check.DoesNotFlag("Linda and I are running the marathon this weekend.", PersonName);

    [Fact]
    public void Spans_count_utf16_units_so_names_after_emoji_and_accents_land_exactly()
    {
        const string text = "🩺🩺 My patient Zoë Ramírez, 34, presented to triage.";
        var finding = Check.Findings(text).Single(f => f.Category == PersonName);
        Assert.Equal("Zoë Ramírez", text.Substring(finding.Start, finding.Length));
    }
}
