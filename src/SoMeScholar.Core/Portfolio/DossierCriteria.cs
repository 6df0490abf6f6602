using System.Globalization;

namespace SoMeScholar.Core.Portfolio;

/// <summary>A statement of evidence: which item meets a criterion, and how.</summary>
public sealed record CriterionEvidence(string ItemKey, string ItemTitle, string Statement);

/// <summary>
/// A published criterion a dossier maps evidence to. <see cref="Wording"/> is the source's wording
/// (anchors-domain.md §6 and §7); <see cref="Evidence"/> picks, from the chosen items, those that meet it and says how.
/// </summary>
public sealed record Criterion(string Id, string Framework, string Group, string Wording, string Citation, string Basis, Func<IReadOnlyList<EvidenceItem>, IReadOnlyList<CriterionEvidence>> Evidence);

/// <summary>
/// Sherbino et al. 2015 (Table 1: definition, process, impact on the education community, impact on scholars) and
/// Husain et al. 2020 (the three recommendations and the four domains applicants address), and the rule by which
/// SoMeScholar's records count as evidence for each. The rules are this installation's reading of the criteria, shown
/// with each criterion as <see cref="Criterion.Basis"/>; they find evidence, a committee judges it.
/// </summary>
public static class DossierCriteria
{
    public const string SherbinoFramework = "Sherbino et al. 2015";
    public const string HusainFramework = "Husain et al. 2020";

    public const string SherbinoCitation = "Sherbino J, Arora VM, Van Melle E, Rogers R, Frank JR, Holmboe ES. Criteria for social media-based scholarship in health professions education. Postgrad Med J 2015;91(1080):551\u2013555. doi:10.1136/postgradmedj-2015-133300";
    public const string HusainCitation = "Husain A, et al. Consensus Guidelines for Digital Scholarship in Academic Promotion. West J Emerg Med 2020;21(4):883\u2013891. doi:10.5811/westjem.2020.4.46441";

    public const string NotYetMet = "not yet met";

    private static readonly string[] DefinitionIds = ["sherbino-original", "sherbino-advances", "sherbino-archived", "sherbino-comment"];

    public static IReadOnlyList<Criterion> All { get; } =
    [
        new("sherbino-original", SherbinoFramework, "Definition", "be original", SherbinoCitation,
            "A resource in the registry that names the person as an author.",
            items => Of(items, "resource", i => $"Author {i.DetailValue("Author position")} of this {i.DetailValue("Type")}, registered in the resource registry")),
        new("sherbino-advances", SherbinoFramework, "Definition", "advance the field of HPE by building on theory, research or best practice", SherbinoCitation,
            "A resource peer-reviewed with an instrument that scores its use of evidence, or reported used in teaching, research, theory or practice.",
            items => Of(items, "resource", i => i.FigureValue("reviews") > 0 || i.FigureValue("uptakeReports") > 0
                ? Join(
                    i.FigureValue("reviews") > 0 ? $"{N(i, "reviews")} peer reviews with structured instruments{(i.DetailValue("Badges") is { } b ? $"; badges: {b}" : "")}" : null,
                    i.FigureValue("uptakeReports") > 0 ? $"used: {i.DetailValue("Uses")}" : null)
                : null)),
        new("sherbino-archived", SherbinoFramework, "Definition", "be archived and disseminated", SherbinoCitation,
            "An archived snapshot of the resource and posts in the archive that link to it.",
            items => Of(items, "resource", i => i.FigureValue("archivedSnapshots") > 0 && i.FigureValue("posts") > 0
                ? $"{N(i, "archivedSnapshots")} archived snapshots; disseminated in {N(i, "posts")} posts and {N(i, "reposts")} reposts"
                : null)),
        new("sherbino-comment", SherbinoFramework, "Definition", "provide the HPE community with the ability to comment on and provide feedback in a transparent fashion that informs wider discussion", SherbinoCitation,
            "Public reviews or endorsements on the resource's page, or public discussion contributions.",
            items => [.. Of(items, "resource", i => i.FigureValue("reviews") + i.FigureValue("memberEndorsements") + i.FigureValue("expertEndorsements") > 0
                ? $"{N(i, "reviews")} public reviews and {(long)(i.FigureValue("memberEndorsements") + i.FigureValue("expertEndorsements"))} endorsements on its public page"
                : null),
                .. Of(items, "discussion", i => $"public discussion contribution: {i.Summary}")]),
        new("sherbino-icmje", SherbinoFramework, "Process", "authorship criteria follow the ICMJE standards", SherbinoCitation,
            "The registry records the named authors in order; the ICMJE criteria themselves are attested by the authors, not checked by SoMeScholar.",
            items => Of(items, "resource", i => $"authors as recorded: {i.DetailValue("Authors")} (author {i.DetailValue("Author position")})")),
        new("sherbino-appraisal", SherbinoFramework, "Impact on the education community", "evidence of transparent critical appraisal is required", SherbinoCitation,
            "Current peer reviews of the resource with a published instrument (rMETRIQ, ALiEM AIR), shown with their scores.",
            items => Of(items, "resource", i => i.FigureValue("reviews") > 0
                ? $"{N(i, "reviews")} peer reviews" + (i.Figures.Any(f => f.Key == "bestMeanPercent") ? $", best mean score {D(i, "bestMeanPercent")}" : "") + (i.DetailValue("Badges") is { } b ? $"; badges: {b}" : "")
                : null)),
        new("sherbino-rapid", SherbinoFramework, "Impact on the education community", "scholarly innovations can impact the community rapidly and/or broadly", SherbinoCitation,
            "Accounts reached and impressions of the posts linking to the resource.",
            items => Of(items, "resource", i => i.FigureValue("accounts") > 0 ? $"reached {N(i, "accounts")} accounts with {N(i, "impressions")} impressions" : null)),
        new("sherbino-accessible", SherbinoFramework, "Impact on the education community", "intellectual property must be preserved, but innovations should be as accessible as possible", SherbinoCitation,
            "A recorded licence and an open address.",
            items => Of(items, "resource", i => i.DetailValue("Licence") is { } licence ? $"licence {licence}, open at {i.DetailValue("Address")}" : null)),
        new("sherbino-altmetrics", SherbinoFramework, "Impact on scholars", "indicators, including alternative metrics, should be captured and analysed to demonstrate dissemination and impact", SherbinoCitation,
            "An attention score and reach computed from the archive.",
            items => [.. Of(items, "resource", i => i.FigureValue("attentionScore") > 0 ? $"attention score {N(i, "attentionScore")}; {N(i, "posts")} posts, {N(i, "impressions")} impressions" : null),
                .. Of(items, "network", i => $"network measure: {i.Summary}")]),
        new("sherbino-champion", SherbinoFramework, "Impact on scholars", "the HPE community should champion social-media-based scholarship as a legitimate academic pursuit", SherbinoCitation,
            "Endorsements by members and experts, conference participation, reviews given and mentoring.",
            items => [.. Of(items, "resource", i => i.FigureValue("memberEndorsements") + i.FigureValue("expertEndorsements") > 0 ? $"{N(i, "memberEndorsements")} member and {N(i, "expertEndorsements")} expert endorsements" : null),
                .. Of(items, "event", i => $"{N(i, "posts")} posts at {i.Title}"),
                .. Of(items, "review", i => i.Summary),
                .. Of(items, "mentee", i => i.Summary)]),
        new("husain-criteria", HusainFramework, "Recommendation 1", "demonstrate scholarship criteria", HusainCitation,
            "Met by an item that meets all four of Sherbino et al.'s definition criteria.",
            items => Of(items, "resource", i => DefinitionIds.All(id => ById[id].Evidence([i]).Count > 0) ? "meets all four Sherbino definition criteria (original; advances the field; archived and disseminated; open to transparent comment)" : null)),
        new("husain-external-impact", HusainFramework, "Recommendation 2", "provide external evidence of impact", HusainCitation,
            "Evidence from others: posts by other accounts, uptake reports and expert endorsements.",
            items => Of(items, "resource", i => i.FigureValue("posts") + i.FigureValue("uptakeReports") + i.FigureValue("expertEndorsements") > 0
                ? $"{N(i, "posts")} posts linking, {N(i, "uptakeReports")} uptake reports, {N(i, "expertEndorsements")} expert endorsements"
                : null)),
        new("husain-peer-review", HusainFramework, "Recommendation 3", "include digital peer-review roles", HusainCitation,
            "Reviews given with a structured instrument and editorial roles.",
            items => [.. Of(items, "review", i => i.Summary), .. Of(items, "editor", i => $"{N(i, "assignments")} reviewers assigned")]),
        new("husain-quality", HusainFramework, "Domain", "quality", HusainCitation,
            "Appraised with specific, validated tools: review scores and badges from the instruments.",
            items => Of(items, "resource", i => i.Figures.Any(f => f.Key == "bestMeanPercent") ? $"best mean review score {D(i, "bestMeanPercent")} from {N(i, "reviews")} reviews" + (i.DetailValue("Badges") is { } b ? $"; {b}" : "") : null)),
        new("husain-impact", HusainFramework, "Domain", "impact", HusainCitation,
            "Impressions, attention and uptake audience.",
            items => [.. Of(items, "resource", i => i.FigureValue("impressions") + i.FigureValue("uptakeAudience") > 0 ? $"{N(i, "impressions")} impressions, attention score {N(i, "attentionScore")}, uptake audience {N(i, "uptakeAudience")}" : null),
                .. Of(items, "event", i => $"{N(i, "impressions")} impressions at {i.Title}")]),
        new("husain-breadth", HusainFramework, "Domain", "breadth", HusainCitation,
            "Reach across platforms and communities.",
            items => [.. Of(items, "resource", i => i.DetailValue("Platforms") is { } p ? $"discussed on {p} by {N(i, "accounts")} accounts" : null),
                .. Of(items, "event", i => $"posted on {i.DetailValue("Platforms")}")]),
        new("husain-relevance", HusainFramework, "Domain", "relevance", HusainCitation,
            "Reported use in teaching, research or clinical practice.",
            items => Of(items, "resource", i => i.FigureValue("uptakeReports") > 0 ? $"{i.DetailValue("Uses")}" : null)),
    ];

    private static Dictionary<string, Criterion> ById => All.ToDictionary(c => c.Id);

    private static List<CriterionEvidence> Of(IReadOnlyList<EvidenceItem> items, string kind, Func<EvidenceItem, string?> statement) =>
        [.. items.Where(i => i.Kind == kind).Select(i => (Item: i, Statement: statement(i))).Where(x => x.Statement is not null).Select(x => new CriterionEvidence(x.Item.Key, x.Item.Title, x.Statement!))];

    private static string N(EvidenceItem item, string key) => ((long)item.FigureValue(key)).ToString(CultureInfo.InvariantCulture);

    private static string D(EvidenceItem item, string key) => item.Figures.First(f => f.Key == key).Display;

    private static string? Join(params string?[] parts) => parts.Any(p => p is not null) ? string.Join("; ", parts.Where(p => p is not null)) : null;
}
