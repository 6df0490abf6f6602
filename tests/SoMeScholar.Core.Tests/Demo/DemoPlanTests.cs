using SoMeScholar.Core.Demo;
using SoMeScholar.Importers;

namespace SoMeScholar.Core.Tests.Demo;

public class DemoPlanTests
{
    private static readonly DemoPlan Plan = DemoPlan.Create(DemoCommunity.DefaultSeed);

    [Fact]
    public void The_same_seed_gives_the_same_community()
    {
        var again = DemoPlan.Create(DemoCommunity.DefaultSeed);

        Assert.Equal(Plan.People.Select(p => p.DisplayName), again.People.Select(p => p.DisplayName));
        Assert.Equal(Plan.Records.OfType<ImportedPost>().Select(p => (p.ExternalId, p.Text, p.CreatedAt)), again.Records.OfType<ImportedPost>().Select(p => (p.ExternalId, p.Text, p.CreatedAt)));
    }

    [Fact]
    public void Another_seed_gives_another_community()
    {
        var other = DemoPlan.Create(7);

        Assert.NotEqual(Plan.Records.OfType<ImportedPost>().Take(50).Select(p => p.Text), other.Records.OfType<ImportedPost>().Take(50).Select(p => p.Text));
    }

    [Fact]
    public void Has_at_least_1500_accounts_on_Bluesky_and_Mastodon_of_every_kind_of_member()
    {
        Assert.True(Plan.Accounts.Count >= 1_500, $"{Plan.Accounts.Count} accounts");
        Assert.Contains(Plan.Accounts, a => a.Platform == Platform.Bluesky);
        Assert.Contains(Plan.Accounts, a => a.Platform == Platform.Mastodon);
        foreach (var profession in Enum.GetValues<SoMeScholar.Core.People.Profession>().Where(p => p != SoMeScholar.Core.People.Profession.Other))
        {
            Assert.Contains(Plan.People, p => p.Profession == profession);
        }
    }

    [Fact]
    public void Has_at_least_30000_posts_over_90_days_using_MedEd_FOAMed_and_the_conference_tag()
    {
        var posts = Plan.Records.OfType<ImportedPost>().Where(p => p.Kind != PostKind.Repost).ToList();

        Assert.True(posts.Count >= 30_000, $"{posts.Count} posts");
        Assert.All(posts, p => Assert.InRange(p.CreatedAt, DemoPlan.WindowStart, DemoPlan.WindowEnd));
        Assert.Contains(posts, p => p.Hashtags.Contains("MedEd"));
        Assert.Contains(posts, p => p.Hashtags.Contains("FOAMed"));
        Assert.Contains(posts, p => p.Hashtags.Contains(DemoPlan.ConferenceHashtag));
        Assert.Contains(posts, p => p.Kind == PostKind.Reply);
        Assert.Contains(posts, p => p.Kind == PostKind.Quote);
        Assert.Contains(posts, p => p.Mentions.Count > 0);
        Assert.Contains(posts, p => p.Links.Count > 0);
        Assert.Contains(Plan.Records.OfType<ImportedPost>(), p => p.Kind == PostKind.Repost);
    }

    [Fact]
    public void The_conference_tag_spikes_over_the_three_conference_days()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(DemoPlan.ConferenceTimeZone);
        var perDay = Plan.Records.OfType<ImportedPost>()
            .Where(p => p.Hashtags.Contains(DemoPlan.ConferenceHashtag))
            .GroupBy(p => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(p.CreatedAt, zone)))
            .ToDictionary(g => g.Key, g => g.Count());
        var conferenceDays = Enumerable.Range(0, DemoPlan.ConferenceDays).Select(d => DemoPlan.ConferenceFirstDay.AddDays(d)).ToList();
        var quietest = conferenceDays.Min(d => perDay.GetValueOrDefault(d));
        var busiestOther = perDay.Where(kv => !conferenceDays.Contains(kv.Key)).Max(kv => kv.Value);

        Assert.True(quietest > 10 * busiestOther, $"conference days {quietest}, other days at most {busiestOther}");
    }

    [Fact]
    public void The_follow_graph_has_heavy_tailed_in_degrees()
    {
        var inDegrees = Plan.Records.OfType<ImportedInteraction>().Where(i => i.Kind == InteractionKind.Follow)
            .GroupBy(i => i.TargetExternalId).Select(g => g.Count()).OrderDescending().ToList();
        var median = inDegrees[inDegrees.Count / 2];

        Assert.True(inDegrees[0] > 15 * median, $"max {inDegrees[0]}, median {median}");
    }

    [Fact]
    public void Every_person_and_handle_is_marked_synthetic()
    {
        Assert.All(Plan.People, p => Assert.Contains("Synthetic demo account", p.Bio, StringComparison.Ordinal));
        Assert.All(Plan.Accounts, a => Assert.EndsWith(".invalid", a.Handle.Split('@')[^1], StringComparison.Ordinal));
        Assert.All(Plan.Resources, r => Assert.EndsWith(".example", new Uri(r.Url).Host, StringComparison.Ordinal));
    }
}
