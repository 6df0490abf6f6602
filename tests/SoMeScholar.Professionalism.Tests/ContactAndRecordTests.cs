using static SoMeScholar.Professionalism.FindingCategory;

namespace SoMeScholar.Professionalism.Tests;

public sealed class ContactDetectorTests
{
    [Theory]
    [InlineData("Daughter's number is 555-867-5309.", "555-867-5309")]
    [InlineData("Call (555) 123-4567 after rounds.", "(555) 123-4567")]
    [InlineData("Fax the consult to +1 555 610 2299.", "+1 555 610 2299")]
    [InlineData("Number 555.201.3344 is on file.", "555.201.3344")]
    public void Flags_phone_and_fax_numbers_wherever_they_are(string text, string number) => Check.Flags(text, Phone, number);

    [Fact]
    public void Flags_email_addresses_at_high_severity()
    {
        var finding = Check.Findings("The son emailed me at maria.g1961@gmail.com about records.").Single(f => f.Category == Email);
        Assert.Equal("maria.g1961@gmail.com", finding.Text);
        Assert.Equal(Severity.High, finding.Severity);
    }

    [Theory]
    [InlineData("Troponin peaked at 12345 ng/L in 2023.")]
    [InlineData("Sodium 132, potassium 4.5, creatinine 1.2.")]
    [InlineData("doi 10.1056/NEJMoa1107039 is the trial.")]
    public void Does_not_flag_lab_values_or_identifiers_of_papers(string text) => Check.DoesNotFlag(text, Phone);
}

public sealed class RecordNumberDetectorTests
{
    [Theory]
    [InlineData("MRN: 1234567, please re-read the CT.", "MRN: 1234567")]
    [InlineData("acct #55123901 was billed twice.", "acct #55123901")]
    [InlineData("SSN 123-45-6789 was on the form.", "123-45-6789")]
    [InlineData("His DL# D1234567 was in the wallet.", "D1234567")]
    [InlineData("Pacemaker serial PX-10293 was interrogated.", "PX-10293")]
    [InlineData("licence plate 7XYZ123 in the lot", "7XYZ123")]
    public void Flags_record_account_licence_and_device_numbers(string text, string number) => Check.Flags(text, RecordNumber, number);

    [Theory]
    [InlineData("The MRN field is mandatory in the new EHR.")]
    [InlineData("Serial troponins were negative.")]
    public void Does_not_flag_the_labels_alone(string text) => Check.DoesNotFlag(text, RecordNumber);
}

public sealed class UrlDetectorTests
{
    [Theory]
    [InlineData("GoFundMe for my patient's family: gofundme.com/f/help-mike-recover please share", "gofundme.com/f/help-mike-recover")]
    [InlineData("Her story: https://www.instagram.com/sarahs_journey", "https://www.instagram.com/sarahs_journey")]
    [InlineData("Logins from 192.168.4.21 to the patient portal.", "192.168.4.21")]
    public void Flags_links_to_a_person_and_ip_addresses(string text, string link) => Check.Flags(text, UrlOrIp, link);

    [Theory]
    [InlineData("Evidence: https://doi.org/10.1056/NEJMoa1107039")]
    [InlineData("Great podcast on sepsis: https://emcrit.org/ibcc/sepsis/")]
    [InlineData("Version 1.2.3 of the app is out.")]
    public void Does_not_flag_links_to_sources_or_version_numbers(string text) => Check.DoesNotFlag(text, UrlOrIp);
}
