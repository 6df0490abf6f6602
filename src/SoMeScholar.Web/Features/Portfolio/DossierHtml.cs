using System.Globalization;
using System.Net;
using System.Text;
using SoMeScholar.Core.Portfolio;
using SoMeScholar.Web.Shared;

namespace SoMeScholar.Web.Features.Portfolio;

/// <summary>
/// The dossier as HTML: one print-styled document (A4, running page numbers and generation stamp in the page margins,
/// tables that do not split rows, charts as inline SVG with their data beside them). The web page shows its body; the
/// PDF is this document printed by headless Chromium. Every text is HTML-encoded except the narrative, which goes
/// through the sanitising <see cref="MarkdownRenderer"/>. Links to records are made absolute with <c>baseUrl</c> when
/// one is given (the PDF leaves the app), else kept as the app's paths.
/// </summary>
public static partial class DossierHtml
{
    private const string Style = """
        .dossier { font: 10pt/1.4 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #111; font-variant-ligatures: none; max-width: 60rem; }
        .dossier h1 { font-size: 18pt; margin: 0 0 .2em; }
        .dossier h2 { font-size: 13pt; border-bottom: 1px solid #0f6e8c; margin-top: 1.4em; break-after: avoid; }
        .dossier h3 { font-size: 11pt; margin: 1em 0 .2em; break-after: avoid; }
        .dossier table { border-collapse: collapse; width: 100%; font-size: 8.5pt; }
        .dossier th, .dossier td { border: 1px solid #bbb; padding: 2px 4px; text-align: left; vertical-align: top; }
        .dossier tr { break-inside: avoid; }
        .dossier .met { color: #1d6b2f; font-weight: bold; }
        .dossier .notmet { color: #9a3412; font-weight: bold; }
        .dossier .muted { color: #555; }
        .dossier .nb { white-space: nowrap; }
        .dossier .stamp { font-size: 9pt; color: #333; }
        .dossier .item, .dossier .criterion, .dossier .chart { break-inside: avoid; }
        .dossier .synthetic { background: #fde68a; padding: 0 .3em; border-radius: 3px; font-size: 9pt; }
        .dossier ul.figures { margin: .2em 0; padding-left: 1.2em; }
        .dossier a { color: #0f6e8c; }
        .dossier .summary { break-after: page; }
        .dossier .summary h2 { margin-top: .6em; }
        .dossier .summary table { font-size: 7pt; line-height: 1.2; table-layout: fixed; }
        .dossier .summary th, .dossier .summary td { padding: 0 2px; }
        .dossier .summary th:nth-child(1) { width: 20%; }
        .dossier .summary th:nth-child(2) { width: 42%; }
        .dossier .summary th:nth-child(3) { width: 9%; }
        .dossier .summary th:nth-child(4) { width: 9%; }
        .dossier .summary h3 { margin: .4em 0 .1em; font-size: 9pt; }
        .dossier .summary ul.figures { columns: 2; font-size: 8pt; line-height: 1.2; margin: 0; }
        .dossier svg text { font: 8px sans-serif; }
        @media screen { .dossier .summary { margin-bottom: 2em; } }
        """;

    /// <summary>The complete document that Chromium prints.</summary>
    public static string Document(DossierDocument dossier, string? baseUrl)
    {
        var stamp = Stamp(dossier).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
        return $$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>{{E(dossier.Title)}}</title>
            <style>@page { size: A4; margin: 16mm 14mm 18mm 14mm;
              @bottom-left { content: "{{stamp}}"; font: 7pt sans-serif; color: #555; }
              @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 7pt sans-serif; color: #555; } }
            {{Style}}</style></head>
            <body>{{Body(dossier, baseUrl)}}</body></html>
            """;
    }

    /// <summary>The generation stamp: when the dossier was generated and the date of the data it was built from.</summary>
    public static string Stamp(DossierDocument dossier) =>
        $"Generated {dossier.GeneratedAt:yyyy-MM-dd HH:mm} UTC by SoMeScholar; data as of {(dossier.DataAsOf is { } asOf ? asOf.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC" : "no records")}";

    /// <summary>The dossier's content, for the web page (inside the site layout) and the printed document.</summary>
    public static string Body(DossierDocument dossier, string? baseUrl)
    {
        var html = new StringBuilder();
        html.Append("<article class=\"dossier\">");
        html.Append(CultureInfo.InvariantCulture, $"<h1>{T(dossier.Title)}</h1>");
        html.Append(CultureInfo.InvariantCulture, $"<p><strong>{T(dossier.Person.Name)}</strong>");
        if (dossier.Person.IsSynthetic)
        {
            html.Append(" <span class=\"synthetic\">synthetic demo person</span>");
        }

        html.Append(CultureInfo.InvariantCulture, $" \u00b7 {T(string.Join(" \u00b7 ", new[] { dossier.Person.Profession, dossier.Person.Specialty, dossier.Person.Institution }.Where(s => !string.IsNullOrEmpty(s))))}</p>");
        html.Append(CultureInfo.InvariantCulture, $"<p>Period: <span class=\"nb\">{dossier.From:yyyy-MM-dd}</span> to <span class=\"nb\">{dossier.To.AddTicks(-1):yyyy-MM-dd}</span>. Portfolio: <a href=\"{E(Url(baseUrl, "/Portfolio/" + dossier.Person.Slug))}\">{T(Url(baseUrl, "/Portfolio/" + dossier.Person.Slug))}</a></p>");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"stamp\">{T(Stamp(dossier))}.</p>");

        // One-page summary.
        html.Append("<section class=\"summary\"><h2>Summary for the committee</h2><table><thead><tr><th>Framework</th><th>Criterion</th><th>Status</th><th>Evidence</th><th>Items</th></tr></thead><tbody>");
        foreach (var row in dossier.Summary)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{T(row.Framework)}<br><span class=\"muted\">{T(row.Group)}</span></td><td>{T(row.Criterion)}</td><td class=\"{(row.Status == "met" ? "met" : "notmet")}\">{T(row.Status)}</td><td>{row.EvidenceCount}</td><td>{T(row.Items)}</td></tr>");
        }

        html.Append("</tbody></table>");
        html.Append("<h3>Totals</h3><ul class=\"figures\">");
        foreach (var total in dossier.Totals)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li>{T(total.Label)}: <strong>{T(total.Display)}</strong></li>");
        }

        html.Append("</ul></section>");

        // Narrative.
        html.Append("<section><h2>Narrative</h2>");
        html.Append(string.IsNullOrWhiteSpace(dossier.Narrative) ? "<p class=\"muted\">No narrative written.</p>" : MarkdownRenderer.Render(dossier.Narrative));
        html.Append("</section>");

        // Criteria.
        html.Append("<section><h2>Criteria and evidence</h2>");
        foreach (var framework in dossier.Criteria.GroupBy(c => c.Framework))
        {
            html.Append(CultureInfo.InvariantCulture, $"<h3>{T(framework.Key)}</h3><p class=\"muted\">{T(framework.First().Citation)}</p>");
            foreach (var criterion in framework)
            {
                html.Append(CultureInfo.InvariantCulture, $"<div class=\"criterion\" id=\"criterion-{E(criterion.Id)}\"><p><strong>{T(criterion.Group)}: {T(criterion.Wording)}</strong> \u2014 <span class=\"{(criterion.Met ? "met" : "notmet")}\">{T(criterion.Status)}</span></p>");
                html.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">Counted as evidence: {T(criterion.Basis)}</p>");
                if (criterion.Evidence.Count > 0)
                {
                    html.Append("<ul>");
                    foreach (var evidence in criterion.Evidence)
                    {
                        html.Append(CultureInfo.InvariantCulture, $"<li><a href=\"#item-{E(Anchor(evidence.ItemKey))}\">{T(evidence.ItemTitle)}</a>: {T(evidence.Statement)}</li>");
                    }

                    html.Append("</ul>");
                }

                html.Append("</div>");
            }
        }

        html.Append("</section>");

        // Charts.
        if (dossier.Charts.Count > 0)
        {
            html.Append("<section><h2>Charts</h2>");
            foreach (var chart in dossier.Charts)
            {
                html.Append(CultureInfo.InvariantCulture, $"<div class=\"chart\"><h3>{T(chart.Title)}</h3>{Svg(chart)}<p class=\"muted\">Source: {T(chart.Provenance)}.</p><table><thead><tr><th></th>");
                foreach (var series in chart.Series)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<th>{T(series.Label)}</th>");
                }

                html.Append("</tr></thead><tbody>");
                for (var i = 0; i < chart.Labels.Count; i++)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<tr><td>{T(chart.Labels[i])}</td>");
                    foreach (var series in chart.Series)
                    {
                        html.Append(CultureInfo.InvariantCulture, $"<td>{(series.Values[i] is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) : "\u2013")}</td>");
                    }

                    html.Append("</tr>");
                }

                html.Append("</tbody></table></div>");
            }

            html.Append("</section>");
        }

        // Items with every figure and its provenance.
        html.Append("<section><h2>Evidence items</h2>");
        if (dossier.Items.Count == 0)
        {
            html.Append("<p class=\"muted\">No items in this period.</p>");
        }

        foreach (var item in dossier.Items)
        {
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"item\" id=\"item-{E(Anchor(item.Key))}\"><h3>");
            html.Append(item.Link is { } link ? $"<a href=\"{E(Url(baseUrl, link))}\">{T(item.Title)}</a>" : T(item.Title));
            html.Append(CultureInfo.InvariantCulture, $"</h3><p class=\"muted\">{T(item.Section.ToString())} \u00b7 {T(item.Key)}{(item.Date is { } date ? " \u00b7 " + T(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) : "")}</p><p>{T(item.Summary)}</p>");
            if (item.Details.Count > 0)
            {
                html.Append("<ul class=\"figures\">");
                foreach (var detail in item.Details)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<li>{T(detail.Label)}: {T(detail.Value)}</li>");
                }

                html.Append("</ul>");
            }

            html.Append("<ul class=\"figures\">");
            foreach (var figure in item.Figures)
            {
                var source = figure.Provenance;
                var records = source.Link is { } href ? $"<a href=\"{E(Url(baseUrl, href))}\">{T(source.Records)}</a>" : T(source.Records);
                html.Append(CultureInfo.InvariantCulture, $"<li>{T(figure.Label)}: <strong>{T(figure.Display)}</strong> <span class=\"muted\">(from {T(source.Source)}: {records}; computed <span class=\"nb\">{source.ComputedAt:yyyy-MM-dd}</span> {source.ComputedAt:HH:mm} UTC)</span></li>");
            }

            html.Append("</ul></div>");
        }

        html.Append("</section>");
        html.Append("<section><h2>Sources</h2><ul>");
        foreach (var citation in dossier.Sources)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li>{T(citation)}</li>");
        }

        html.Append("</ul><p class=\"muted\">The mapping rules are SoMeScholar's reading of the published criteria (shown under each criterion as what is counted as evidence); a committee judges the evidence. Husain et al.'s detailed recommendation table was not verified; the recommendations and domains are from the article's abstract.</p></section>");
        html.Append("</article>");
        return html.ToString();
    }

    /// <summary>A simple SVG chart: bars for bar charts, a polyline per series for line charts; labels on the x axis.</summary>
    public static string Svg(PortfolioChart chart)
    {
        const double width = 520, height = 160, left = 36, bottom = 28, top = 8;
        var max = chart.Series.SelectMany(s => s.Values).Where(v => v is not null).Select(v => v!.Value).DefaultIfEmpty(0).Max();
        max = max <= 0 ? 1 : max;
        var plotWidth = width - left - 8;
        var plotHeight = height - bottom - top;
        var slot = plotWidth / Math.Max(1, chart.Labels.Count);
        string[] colours = ["#0f6e8c", "#d1603d", "#5b8c3a", "#8a5bb0"];
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{E(chart.Title)}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{top + plotHeight}\" x2=\"{width - 8}\" y2=\"{top + plotHeight}\" stroke=\"#888\"/><line x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{top + plotHeight}\" stroke=\"#888\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"2\" y=\"{top + 8}\">{max.ToString("0.#", CultureInfo.InvariantCulture)}</text><text x=\"2\" y=\"{top + plotHeight}\">0</text>");
        for (var s = 0; s < chart.Series.Count; s++)
        {
            var series = chart.Series[s];
            var colour = colours[s % colours.Length];
            if (chart.Type == "line")
            {
                var points = string.Join(' ', series.Values.Select((v, i) => (v, i)).Where(p => p.v is not null)
                    .Select(p => FormattableString.Invariant($"{left + (slot * p.i) + (slot / 2):0.#},{top + plotHeight - (p.v!.Value / max * plotHeight):0.#}")));
                svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.5\" points=\"{points}\"/>");
            }
            else
            {
                var barWidth = slot * 0.8 / chart.Series.Count;
                for (var i = 0; i < series.Values.Count; i++)
                {
                    if (series.Values[i] is { } v && v > 0)
                    {
                        var barHeight = v / max * plotHeight;
                        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{left + (slot * i) + (slot * 0.1) + (barWidth * s):0.#}\" y=\"{top + plotHeight - barHeight:0.#}\" width=\"{barWidth:0.#}\" height=\"{barHeight:0.#}\" fill=\"{colour}\"/>");
                    }
                }
            }
        }

        var every = Math.Max(1, (int)Math.Ceiling(chart.Labels.Count / 12.0));
        for (var i = 0; i < chart.Labels.Count; i += every)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + (slot * i) + 2:0.#}\" y=\"{height - 14}\">{E(chart.Labels[i])}</text>");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string Anchor(string key) => key.Replace(':', '-');

    private static string Url(string? baseUrl, string path) =>
        baseUrl is { Length: > 0 } && path.StartsWith('/') ? baseUrl.TrimEnd('/') + path : path;

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>
    /// Encoded text whose hyphenated tokens (dates, DOIs, hyphenated words) do not break across lines: a line broken at
    /// a hyphen prints as "2026-" + "11-22", which text extraction joins as "202611-22", and the PDF is checked by its text.
    /// </summary>
    private static string T(string? text) => HyphenatedToken().Replace(E(text), m => $"<span class=\"nb\">{m.Value}</span>");

    [System.Text.RegularExpressions.GeneratedRegex(@"[^\s<>]*-[^\s<>]*")]
    private static partial System.Text.RegularExpressions.Regex HyphenatedToken();
}
