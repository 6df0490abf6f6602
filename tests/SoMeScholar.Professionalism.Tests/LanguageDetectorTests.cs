using static SoMeScholar.Professionalism.FindingCategory;

namespace SoMeScholar.Professionalism.Tests;

public sealed class LanguageDetectorTests
{
    [Theory]
    [InlineData("This shit shift will not end.", Profanity, "shit")]
    [InlineData("What a fucking night.", Profanity, "fucking")]
    [InlineData("Our frequent flyer is back with abdo pain.", Derogatory, "frequent flyer")]
    [InlineData("Bed 5 is a total gomer.", Derogatory, "gomer")]
    [InlineData("Another drug seeker asking for dilaudid by name.", Derogatory, "drug seeker")]
    [InlineData("The lazy nurses on nights never answer call bells.", Derogatory, "lazy nurses")]
    [InlineData("The ortho residents are idiots about medicine.", Derogatory, "idiots")]
    public void Flags_profanity_and_derogatory_language(string text, FindingCategory category, string words) =>
        Check.Flags(text, category, words);

    [Fact]
    public void A_slur_is_high_severity()
    {
        var finding = Check.Findings("He called the porter a towelhead. Reported.").Single(f => f.Category == Slur);
        Assert.Equal(Severity.High, finding.Severity);
    }

    [Theory]
    [InlineData("Rectal exam: normal anal tone, no blood in the rectum.")]
    [InlineData("Sexual history and HIV testing are routine at this visit.")]
    [InlineData("Nipple discharge in a 45-year-old: workup thread.")]
    [InlineData("Crazy busy shift but the team was amazing.")]
    [InlineData("Bloody diarrhoea for 3 days; stool cultures sent.")]
    public void Does_not_flag_clinical_vocabulary(string text)
    {
        Check.DoesNotFlag(text, Profanity);
        Check.DoesNotFlag(text, Slur);
        Check.DoesNotFlag(text, Derogatory);
    }

    [Fact]
    public void Denied_terms_from_the_settings_are_flagged_and_allowed_terms_are_not()
    {
        var settings = new ProfessionalismSettings();
        settings.DeniedTerms.Add("heck");
        settings.AllowedTerms.Add("shit");
        var options = new CheckOptions { Settings = settings };
        Assert.Equal(["heck"], Check.Flagged("What the heck, this shit again.", Profanity, options));
    }
}

public sealed class ConflictDetectorTests
{
    [Theory]
    [InlineData("Use code DRSAM20 for 20% off my favourite stethoscope!", "Use code DRSAM20")]
    [InlineData("Our new device cuts intubation time in half.", "Our new device")]
    [InlineData("Sponsored by Acme: the only stethoscope you'll ever need.", "Sponsored")]
    [InlineData("Loving my new Figs scrubs! Link in bio", "Link in bio")]
    public void Flags_promotion_without_a_disclosure(string text, string phrase) => Check.Flags(text, UndisclosedConflict, phrase);

    [Theory]
    [InlineData("Disclosure: I consult for Medtronic. That said, our new device is interesting.")]
    [InlineData("#ad Use code NURSEJO for 15% off these socks.")]
    [InlineData("I receive speaker fees from Pfizer. Use my link for the webinar.")]
    public void Does_not_flag_disclosed_promotion(string text) => Check.DoesNotFlag(text, UndisclosedConflict);

    [Fact]
    public void Promotional_phrases_of_one_sentence_make_one_finding() =>
        Assert.Single(Check.Flagged("Use code DRSAM20 for 20% off my favourite stethoscope!", UndisclosedConflict));
}

public sealed class ClaimDetectorTests
{
    [Theory]
    [InlineData("Always give 2 mg/kg of ketamine for RSI in the hypotensive patient.")]
    [InlineData("Never use succinylcholine in hyperkalemia.")]
    [InlineData("You should give TXA to every trauma patient within 3 hours.")]
    [InlineData("Every patient with syncope should get an echo.")]
    [InlineData("Start norepinephrine at 0.1 mcg/kg/min and titrate.")]
    public void Flags_strong_recommendations_and_doses_without_a_source(string text) =>
        Assert.NotEmpty(Check.Flagged(text, UnsourcedClaim));

    [Theory]
    [InlineData("Per the 2021 SSC guidelines, give 30 mL/kg crystalloid in septic shock.")]
    [InlineData("Always check a glucose in altered patients: https://doi.org/10.1000/xyz123")]
    [InlineData("Lorazepam 4 mg IV for status epilepticus (Kapur J, NEJM 2019).")]
    [InlineData("I think we should all be kinder to our colleagues this winter.")]
    [InlineData("Metoprolol or diltiazem for rate control in AF with RVR? Poll.")]
    public void Does_not_flag_sourced_claims_or_everyday_should(string text) => Check.DoesNotFlag(text, UnsourcedClaim);
}
