using SoMeScholar.Core.Hashtags;

namespace SoMeScholar.Core.Tests.Hashtags;

public class WallRulesTests
{
    private static WallRules Rules(WallMode mode = WallMode.AutoPublish, bool check = true, params (WallListKind Kind, string Value)[] entries) =>
        new(mode, check, entries.Select(e => new WallListEntry { Kind = e.Kind, Value = e.Value, CreatedBy = "test" }));

    private static WallCandidate Post(string text, string handle = "someone.test", int media = 0) => new("did:plc:" + handle, handle, text, media);

    [Fact]
    public void Auto_publish_puts_an_ordinary_post_on_the_wall()
    {
        var verdict = Rules().Decide(Post("Great keynote on feedback in the ED #SoMeDemo26"));

        Assert.Equal(WallPostStatus.Published, verdict.Status);
        Assert.Equal("auto-publish", verdict.Rule);
    }

    [Fact]
    public void Hold_for_approval_queues_every_post_except_from_trusted_accounts()
    {
        var rules = Rules(WallMode.HoldForApproval, true, (WallListKind.AllowAccount, "@Organiser.test"));

        Assert.Equal(WallPostStatus.Pending, rules.Decide(Post("Hello from the hall")).Status);
        Assert.Equal(WallPostStatus.Published, rules.Decide(Post("Welcome everyone", "organiser.test")).Status);
        Assert.Equal("trusted-account", rules.Decide(Post("Welcome everyone", "organiser.test")).Rule);
    }

    [Fact]
    public void A_denied_word_refuses_the_post_as_a_whole_word_in_any_case_even_from_a_trusted_account()
    {
        var rules = Rules(WallMode.AutoPublish, true, (WallListKind.DenyWord, "Spoiler"), (WallListKind.AllowAccount, "organiser.test"));

        var denied = rules.Decide(Post("Huge SPOILER about the closing session", "organiser.test"));

        Assert.Equal(WallPostStatus.Denied, denied.Status);
        Assert.Contains("spoiler", denied.Reason, StringComparison.Ordinal);
        Assert.Equal(WallPostStatus.Published, rules.Decide(Post("No spoilers here, just spoilerless notes")).Status);
    }

    [Fact]
    public void A_denied_phrase_matches_across_runs_of_spaces_and_a_denied_account_by_handle_or_did()
    {
        var rules = Rules(WallMode.AutoPublish, true, (WallListKind.DenyPhrase, "buy now"), (WallListKind.DenyAccount, "@Spammer.test"), (WallListKind.DenyAccount, "did:plc:bot"));

        Assert.Equal(WallPostStatus.Denied, rules.Decide(Post("Buy   now at our booth")).Status);
        Assert.Equal("deny-account", rules.Decide(Post("hello", "spammer.test")).Rule);
        Assert.Equal("deny-account", rules.Decide(new WallCandidate("did:plc:bot", null, "hello", 0)).Rule);
        Assert.Equal(WallPostStatus.Published, rules.Decide(Post("We do not buy nowadays")).Status);
    }

    [Fact]
    public void A_post_the_professionalism_check_flags_is_held_with_the_check_s_reason_even_from_a_trusted_account()
    {
        var rules = Rules(WallMode.AutoPublish, true, (WallListKind.AllowAccount, "organiser.test"));

        var verdict = rules.Decide(Post("Just saw Mrs Eleanor Whitfield, 94, in bed 12 at St Mary's with a hip fracture", "organiser.test"));

        Assert.Equal(WallPostStatus.Pending, verdict.Status);
        Assert.Equal("professionalism", verdict.Rule);
        Assert.StartsWith("Professionalism check:", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_professionalism_check_can_be_switched_off()
    {
        var verdict = Rules(WallMode.AutoPublish, check: false).Decide(Post("Just saw Mrs Eleanor Whitfield, 94, in bed 12 at St Mary's with a hip fracture"));

        Assert.Equal(WallPostStatus.Published, verdict.Status);
    }

    [Fact]
    public void Images_are_held_for_review_unless_the_author_is_trusted()
    {
        var rules = Rules(WallMode.AutoPublish, true, (WallListKind.AllowAccount, "organiser.test"));

        var held = rules.Decide(Post("Our poster!", media: 2));

        Assert.Equal(WallPostStatus.Pending, held.Status);
        Assert.Equal("media-review", held.Rule);
        Assert.Contains("2 image(s)", held.Reason, StringComparison.Ordinal);
        Assert.Equal(WallPostStatus.Published, rules.Decide(Post("Our poster!", "organiser.test", media: 1)).Status);
    }
}
