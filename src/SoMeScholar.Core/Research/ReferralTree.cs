using System.Globalization;
using System.Security;
using System.Text;

namespace SoMeScholar.Core.Research;

/// <summary>
/// Draws the snowball's referral tree as SVG: one row per wave (seeds on top), each participant under the one whose
/// nomination brought them in, coloured by how far they got (interviewed, consented, invited, not yet invited,
/// declined or refused). Nominations of people already in the study are dashed. Only study codes appear.
/// </summary>
public static class ReferralTree
{
    private const int ColumnWidth = 64;
    private const int RowHeight = 86;
    private const int Radius = 17;
    private const int Margin = 40;

    public static readonly IReadOnlyList<(string Label, string Color)> Legend =
    [
        ("interviewed", "#2e7d4f"),
        ("consented", "#0f6e8c"),
        ("invited", "#c49a1a"),
        ("not invited yet", "#9aa7b0"),
        ("declined, refused or withdrew", "#b3261e"),
    ];

    public static string ColorOf(ParticipantView p) =>
        p.Invitation is InvitationStatus.Declined || p.Consent is ConsentStatus.Refused or ConsentStatus.Withdrawn ? Legend[4].Color
        : p.Interview == InterviewStatus.Completed ? Legend[0].Color
        : p.Consent == ConsentStatus.Consented ? Legend[1].Color
        : p.Invitation is not InvitationStatus.NotInvited ? Legend[2].Color
        : Legend[3].Color;

    /// <summary>Node centres: x by leaf order (a parent centred over its children), y by wave.</summary>
    public static IReadOnlyDictionary<string, (double X, double Y)> Layout(SnowballView snowball)
    {
        var children = snowball.Participants.Where(p => p.ReferredByCode is not null).GroupBy(p => p.ReferredByCode!)
            .ToDictionary(g => g.Key, g => g.OrderBy(p => p.Number).ToList());
        var codes = snowball.Participants.Select(p => p.Code).ToHashSet();
        var roots = snowball.Participants.Where(p => p.ReferredByCode is null || !codes.Contains(p.ReferredByCode)).OrderBy(p => p.Number).ToList();
        var positions = new Dictionary<string, (double X, double Y)>();
        var nextLeaf = 0;
        double Place(ParticipantView p, int depth)
        {
            double x;
            if (children.TryGetValue(p.Code, out var kids) && kids.Count > 0)
            {
                var xs = kids.Select(k => Place(k, depth + 1)).ToList();
                x = (xs[0] + xs[^1]) / 2;
            }
            else
            {
                x = Margin + (nextLeaf++ * ColumnWidth) + (ColumnWidth / 2.0);
            }

            positions[p.Code] = (x, Margin + (depth * RowHeight) + 10);
            return x;
        }

        foreach (var root in roots)
        {
            Place(root, 0);
        }

        return positions;
    }

    public static string Svg(SnowballView snowball)
    {
        var positions = Layout(snowball);
        var depth = positions.Count == 0 ? 0 : (int)Math.Round((positions.Values.Max(p => p.Y) - Margin - 10) / RowHeight);
        var width = Math.Max(720, positions.Count == 0 ? 0 : (int)positions.Values.Max(p => p.X) + (ColumnWidth / 2) + Margin);
        var height = Margin + ((depth + 1) * RowHeight) + 40;
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-labelledby=\"referral-tree-title\" font-family=\"system-ui, sans-serif\" font-size=\"12\">"));
        svg.Append("<title id=\"referral-tree-title\">Referral tree: ").Append(snowball.Participants.Count.ToString(CultureInfo.InvariantCulture))
            .Append(" participants in ").Append(snowball.Waves.Count.ToString(CultureInfo.InvariantCulture)).Append(" wave(s)</title>");
        svg.Append(Invariant($"<rect width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>"));
        for (var wave = 0; wave <= depth; wave++)
        {
            var y = Margin + (wave * RowHeight) + 10;
            svg.Append(Invariant($"<text x=\"6\" y=\"{y + 4}\" fill=\"#5d6b75\">{(wave == 0 ? "seeds" : "wave " + wave)}</text>"));
        }

        foreach (var nomination in snowball.Nominations)
        {
            if (!positions.TryGetValue(nomination.NominatorCode, out var from) || !positions.TryGetValue(nomination.NomineeCode, out var to))
            {
                continue;
            }

            var dash = nomination.IsReferral ? "" : " stroke-dasharray=\"4 4\"";
            svg.Append(Invariant($"<line x1=\"{from.X:0.#}\" y1=\"{from.Y + Radius:0.#}\" x2=\"{to.X:0.#}\" y2=\"{to.Y - Radius:0.#}\" stroke=\"#7d8b95\" stroke-width=\"1.5\"{dash}><title>{Escape(nomination.NominatorCode)} named {Escape(nomination.NomineeCode)} on {nomination.NominatedAt:yyyy-MM-dd}</title></line>"));
        }

        foreach (var p in snowball.Participants)
        {
            var (x, y) = positions[p.Code];
            svg.Append(Invariant($"<g data-code=\"{Escape(p.Code)}\"><circle cx=\"{x:0.#}\" cy=\"{y:0.#}\" r=\"{Radius}\" fill=\"{ColorOf(p)}\" stroke=\"#ffffff\" stroke-width=\"2\"/>"));
            svg.Append(Invariant($"<text x=\"{x:0.#}\" y=\"{y + 4:0.#}\" text-anchor=\"middle\" fill=\"#ffffff\" font-weight=\"600\">{Escape(p.Code)}</text>"));
            svg.Append(Invariant($"<title>{Escape(p.Code)}: wave {p.Wave}, {p.Invitation}, consent {p.Consent}, interview {p.Interview}</title></g>"));
        }

        var legendX = 6.0;
        foreach (var (label, color) in Legend)
        {
            svg.Append(Invariant($"<circle cx=\"{legendX + 6:0.#}\" cy=\"{height - 16}\" r=\"6\" fill=\"{color}\"/><text x=\"{legendX + 16:0.#}\" y=\"{height - 12}\" fill=\"#1d2a33\">{Escape(label)}</text>"));
            legendX += 24 + (label.Length * 6.2);
        }

        return svg.Append("</svg>").ToString();
    }

    private static string Escape(string text) => SecurityElement.Escape(text) ?? "";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
