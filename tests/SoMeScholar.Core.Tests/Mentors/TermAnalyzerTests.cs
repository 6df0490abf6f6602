using SoMeScholar.Core.Mentors.Recommendation;

namespace SoMeScholar.Core.Tests.Mentors;

public class TermAnalyzerTests
{
    [Fact]
    public void A_hashtag_gives_the_tag_and_its_word_so_a_topic_meets_a_hashtag()
    {
        var terms = TermAnalyzer.Terms("New thread on #POCUS, with cases");

        Assert.Contains("#pocus", terms);
        Assert.Contains("pocus", terms);
        Assert.Contains("thread", terms);
        Assert.Contains("case", terms);
    }

    [Fact]
    public void Mentions_and_stop_words_are_dropped_and_plurals_fold()
    {
        var terms = TermAnalyzer.Terms("@drsmith thanks for the ultrasounds and therapies");

        Assert.DoesNotContain(terms, t => t.Contains("drsmith", StringComparison.Ordinal));
        Assert.DoesNotContain("the", terms);
        Assert.DoesNotContain("and", terms);
        Assert.Contains("ultrasound", terms);
        Assert.Contains("therapy", terms);
    }

    [Fact]
    public void A_link_contributes_the_words_of_its_path_not_its_host()
    {
        var terms = TermAnalyzer.Terms("Read https://blog.example/2026/sepsis-bundles-explained?utm=x");

        Assert.Contains("sepsis", terms);
        Assert.Contains("bundle", terms);
        Assert.DoesNotContain("blog", terms);
        Assert.DoesNotContain("2026", terms);
    }

    [Fact]
    public void A_topic_written_as_a_hashtag_is_a_hashtag_and_other_topics_are_words()
    {
        var hashtag = new List<string>();
        var words = new List<string>();

        TermAnalyzer.AddTopic("#MedEd", hashtag);
        TermAnalyzer.AddTopic("Point-of-care ultrasound", words);

        Assert.Equal(["#meded", "meded"], hashtag);
        Assert.Equal(["point", "care", "ultrasound"], words);
    }

    [Fact]
    public void Html_of_mastodon_content_is_skipped()
    {
        var terms = TermAnalyzer.Terms("<p>Great <a href=\"https://x.example/tags/sepsis\">#<span>sepsis</span></a> talk</p>");

        Assert.Contains("great", terms);
        Assert.Contains("sepsis", terms);
        Assert.DoesNotContain("href", terms);
        Assert.DoesNotContain("span", terms);
    }
}
