using SoMeScholar.Core.Reviews;

namespace SoMeScholar.Core.Tests.Resources;

public class InstrumentTests
{
    private static InstrumentDefinition Rmetriq => InstrumentCatalog.ReadBuiltIn("rmetriq.json");
    private static InstrumentDefinition Air => InstrumentCatalog.ReadBuiltIn("aliem-air.json");

    [Fact]
    public void The_built_in_instruments_are_valid_and_cite_their_sources()
    {
        foreach (var definition in InstrumentCatalog.BuiltIns())
        {
            Assert.Empty(definition.Validate());
            Assert.NotEmpty(definition.Citations);
            Assert.False(string.IsNullOrWhiteSpace(definition.Verification));
        }
    }

    [Fact]
    public void rMETRIQ_items_are_scored_0_to_3_with_the_anchors_of_Table_1_and_say_what_was_not_retrieved()
    {
        var rmetriq = Rmetriq;

        Assert.Equal(["q1", "q2", "q3", "q4"], rmetriq.Items.Select(i => i.Key));
        Assert.All(rmetriq.Items, i => Assert.Equal((0, 3), (i.Min, i.Max)));
        Assert.Equal("Does the resource provide enough background information to situate the user?", rmetriq.Items[0].Stem);
        Assert.Equal("Insufficient content.", rmetriq.Items[1].OptionFor(0)!.Anchor);
        Assert.All(rmetriq.Items.Take(3).SelectMany(i => i.Options), o => Assert.True(o.Verified));
        Assert.False(rmetriq.Items[3].OptionFor(1)!.Verified);
        Assert.False(rmetriq.Complete);
        Assert.False(rmetriq.Badges.Single().Verified);
    }

    [Fact]
    public void ALiEM_AIR_has_the_five_published_items_and_needs_nine_raters()
    {
        var air = Air;

        Assert.Equal(5, air.Items.Count);
        Assert.Contains(air.Items, i => i.Stem.Contains("BEEM", StringComparison.Ordinal));
        Assert.Equal(["beem", "accuracy", "utility", "ebm", "referencing"], air.Items.Select(i => i.Key));
        Assert.Equal(9, air.MinimumRaters.Count);
        Assert.True(air.MinimumRaters.Verified);
        Assert.All(air.Badges, b => Assert.False(b.Verified));
    }

    [Fact]
    public void An_rMETRIQ_total_is_the_sum_of_its_item_scores()
    {
        // Hand-computed: 3 + 2 + 1 + 3 = 9, and 0 + 0 + 0 + 0 = 0, 3 × 4 = 12.
        Assert.Equal(9, Rmetriq.Score(new Dictionary<string, int> { ["q1"] = 3, ["q2"] = 2, ["q3"] = 1, ["q4"] = 3 }));
        Assert.Equal(0, Rmetriq.Score(new Dictionary<string, int> { ["q1"] = 0, ["q2"] = 0, ["q3"] = 0, ["q4"] = 0 }));
        Assert.Equal(12, Rmetriq.Score(new Dictionary<string, int> { ["q1"] = 3, ["q2"] = 3, ["q3"] = 3, ["q4"] = 3 }));
    }

    [Fact]
    public void An_AIR_total_of_30_earns_the_AIR_badge_only_with_nine_raters()
    {
        var air = Air;
        var total = air.Score(new Dictionary<string, int> { ["beem"] = 6, ["accuracy"] = 7, ["utility"] = 6, ["ebm"] = 5, ["referencing"] = 6 });

        Assert.Equal(30, total);
        Assert.Equal("air", air.BadgeFor(30, 9)!.Key);
        Assert.Null(air.BadgeFor(30, 8));
        Assert.Equal("air-honorable-mention", air.BadgeFor(29.9, 9)!.Key);
        Assert.Equal("air-honorable-mention", air.BadgeFor(27, 12)!.Key);
        Assert.Null(air.BadgeFor(26.9, 12));
    }

    [Fact]
    public void The_rMETRIQ_local_mark_needs_a_mean_of_9_from_two_raters()
    {
        Assert.NotNull(Rmetriq.BadgeFor(9, 2));
        Assert.Null(Rmetriq.BadgeFor(8.5, 5));
        Assert.Null(Rmetriq.BadgeFor(12, 1));
    }

    [Fact]
    public void Scoring_refuses_a_missing_item_an_unknown_item_and_a_score_out_of_range()
    {
        var rmetriq = Rmetriq;

        Assert.Contains("q4", Assert.Throws<ArgumentException>(() => rmetriq.Score(new Dictionary<string, int> { ["q1"] = 1, ["q2"] = 1, ["q3"] = 1 })).Message, StringComparison.Ordinal);
        Assert.Contains("q9", Assert.Throws<ArgumentException>(() => rmetriq.Score(new Dictionary<string, int> { ["q1"] = 1, ["q2"] = 1, ["q3"] = 1, ["q4"] = 1, ["q9"] = 1 })).Message, StringComparison.Ordinal);
        Assert.Contains("outside", Assert.Throws<ArgumentException>(() => rmetriq.Score(new Dictionary<string, int> { ["q1"] = 4, ["q2"] = 1, ["q3"] = 1, ["q4"] = 1 })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_local_definition_whose_total_range_disagrees_with_its_items_is_refused_with_the_reason()
    {
        const string json = """
            {"key":"local-rubric","version":1,"name":"Local rubric",
             "items":[{"key":"a","stem":"Clear?","min":1,"max":5},{"key":"a","stem":"Accurate?","min":1,"max":5}],
             "total":{"rule":"sum","min":0,"max":12},
             "badges":[{"key":"gold","label":"Gold","minimumMeanTotal":20}],
             "minimumRaters":{"count":2}}
            """;

        var error = Assert.Throws<InstrumentValidationException>(() => InstrumentDefinition.Parse(json));

        Assert.Contains(error.Problems, p => p.Contains("'a' is used more than once", StringComparison.Ordinal));
    }

    [Fact]
    public void A_valid_local_definition_with_a_mean_rule_scores_the_mean()
    {
        const string json = """
            {"key":"local-rubric","version":1,"name":"Local rubric",
             "items":[{"key":"a","stem":"Clear?","min":1,"max":5},{"key":"b","stem":"Accurate?","min":1,"max":5}],
             "total":{"rule":"mean","min":1,"max":5},
             "badges":[{"key":"gold","label":"Gold","minimumMeanTotal":4.5}],
             "minimumRaters":{"count":2}}
            """;

        var definition = InstrumentDefinition.Parse(json);

        Assert.Equal(3.5, definition.Score(new Dictionary<string, int> { ["a"] = 3, ["b"] = 4 }));
        Assert.Equal("gold", definition.BadgeFor(4.5, 2)!.Key);
    }

    [Fact]
    public void An_unknown_field_in_a_definition_is_reported_with_its_position()
    {
        var error = Assert.Throws<InstrumentValidationException>(() => InstrumentDefinition.Parse("{\"key\":\"x1\",\n\"colour\":\"red\"}"));

        Assert.Contains("line 2", error.Problems[0], StringComparison.Ordinal);
    }
}
