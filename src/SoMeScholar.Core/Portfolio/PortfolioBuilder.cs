using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;

namespace SoMeScholar.Core.Portfolio;

/// <summary>
/// Assembles a person's portfolio from every registered <see cref="IPortfolioSource"/>, applies the person's choice
/// of public sections for the viewer, and derives the charts and the timeline from the items.
/// </summary>
public sealed class PortfolioBuilder(ScholarDb db, IEnumerable<IPortfolioSource> sources, TimeProvider clock)
{
    public IReadOnlyList<IPortfolioSource> Sources { get; } = [.. sources.OrderBy(s => s.Section)];

    public async Task<PortfolioSubject?> SubjectAsync(string slugOrId, DateTime? from, DateTime? to, CancellationToken cancellationToken = default)
    {
        var person = long.TryParse(slugOrId, out var id)
            ? await db.People.AsNoTracking().Include(p => p.Roles).FirstOrDefaultAsync(p => p.Id == id || p.Slug == slugOrId, cancellationToken)
            : await db.People.AsNoTracking().Include(p => p.Roles).FirstOrDefaultAsync(p => p.Slug == slugOrId, cancellationToken);
        if (person is null)
        {
            return null;
        }

        var accounts = await db.Accounts.Where(a => a.PersonId == person.Id).Select(a => a.Id).ToListAsync(cancellationToken);
        var users = await db.Users.Where(u => u.PersonId == person.Id).Select(u => u.Id).ToListAsync(cancellationToken);
        return new PortfolioSubject(person, accounts, users, from, to, clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>The public flag of every section for a person (sections without a row are private).</summary>
    public async Task<IReadOnlyDictionary<PortfolioSection, bool>> VisibilityAsync(long personId, CancellationToken cancellationToken = default)
    {
        var stored = await db.PortfolioVisibilities.Where(v => v.PersonId == personId).ToDictionaryAsync(v => v.Section, v => v.IsPublic, cancellationToken);
        return Enum.GetValues<PortfolioSection>().ToDictionary(s => s, s => stored.GetValueOrDefault(s));
    }

    /// <summary>Sets which sections are public. Only the person (a sign-in linked to them) or an administrator may.</summary>
    public async Task SetVisibilityAsync(PortfolioViewer viewer, long personId, IReadOnlySet<PortfolioSection> publicSections, CancellationToken cancellationToken = default)
    {
        if (!viewer.CanManage(personId))
        {
            throw new PortfolioAccessDeniedException("Only the person or an administrator chooses what is public.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var stored = await db.PortfolioVisibilities.Where(v => v.PersonId == personId).ToDictionaryAsync(v => v.Section, cancellationToken);
        foreach (var section in Enum.GetValues<PortfolioSection>())
        {
            if (!stored.TryGetValue(section, out var row))
            {
                row = new PortfolioVisibility { PersonId = personId, Section = section };
                db.PortfolioVisibilities.Add(row);
            }

            row.IsPublic = publicSections.Contains(section);
            row.UpdatedAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The portfolio as <paramref name="viewer"/> may see it: private sections only for the person and administrators.</summary>
    public async Task<PersonPortfolio?> ForViewerAsync(string slugOrId, PortfolioViewer viewer, DateTime? from = null, DateTime? to = null, CancellationToken cancellationToken = default)
    {
        var subject = await SubjectAsync(slugOrId, from, to, cancellationToken);
        if (subject is null)
        {
            return null;
        }

        var canManage = viewer.CanManage(subject.Person.Id);
        var visibility = await VisibilityAsync(subject.Person.Id, cancellationToken);
        var sections = new List<PortfolioSectionView>();
        foreach (var source in Sources)
        {
            var isPublic = visibility[source.Section];
            var visible = canManage || isPublic;
            var result = visible ? await source.GatherAsync(subject, cancellationToken) : new SourceResult([], []);
            sections.Add(new PortfolioSectionView(source.Section, source.Title, source.Description, isPublic, visible, result.Items, result.Totals));
        }

        var items = sections.Where(s => s.Visible).SelectMany(s => s.Items).ToList();
        var timelineVisible = canManage || visibility[PortfolioSection.Timeline];
        sections.Add(new PortfolioSectionView(PortfolioSection.Timeline, "Timeline", "Every dated item of the visible sections, oldest first.", visibility[PortfolioSection.Timeline], timelineVisible, [], []));
        return new PersonPortfolio(subject.Person, subject.Now, from, to, canManage, sections, Charts(items), timelineVisible ? Timeline(items) : []);
    }

    /// <summary>Every item of every source for the subject, whatever is public (for the person's own dossier).</summary>
    public async Task<IReadOnlyList<(IPortfolioSource Source, SourceResult Result)>> GatherAllAsync(PortfolioSubject subject, CancellationToken cancellationToken = default)
    {
        var results = new List<(IPortfolioSource, SourceResult)>();
        foreach (var source in Sources)
        {
            results.Add((source, await source.GatherAsync(subject, cancellationToken)));
        }

        return results;
    }

    public static IReadOnlyList<TimelineEntry> Timeline(IEnumerable<EvidenceItem> items) =>
        [.. items.Where(i => i.Date is not null).OrderBy(i => i.Date).ThenBy(i => i.Key, StringComparer.Ordinal).Select(i => new TimelineEntry(i.Date!.Value, i.Section, i.Key, i.Title))];

    /// <summary>
    /// The charts, summed over the given items' series: attention over time (posts and reposts linking to the
    /// resources, by month), reach by platform (posts linking to the resources and conference posts), uptake by type,
    /// and rank over time when network measures are among the items. Charts without data are left out.
    /// </summary>
    public static IReadOnlyList<PortfolioChart> Charts(IReadOnlyCollection<EvidenceItem> items)
    {
        var charts = new List<PortfolioChart>();
        var resources = items.Where(i => i.Kind == "resource").ToList();
        var attention = Sum(resources, "attentionByMonth");
        if (attention.Count > 0)
        {
            var months = attention.Keys.Order(StringComparer.Ordinal).ToList();
            charts.Add(new PortfolioChart("attention", "Attention over time", "line", months,
                [new ChartSeries("Posts and reposts linking to their resources", [.. months.Select(m => (double?)attention[m])])],
                "archive posts and reposts linking to the resources (ResourceImpact), by month"));
        }

        var resourceReach = Sum(resources, "postsByPlatform");
        var conferenceReach = Sum(items.Where(i => i.Kind == "event").ToList(), "postsByPlatform");
        if (resourceReach.Count > 0 || conferenceReach.Count > 0)
        {
            var platforms = resourceReach.Keys.Union(conferenceReach.Keys).Order(StringComparer.Ordinal).ToList();
            charts.Add(new PortfolioChart("reach", "Reach by platform", "bar", platforms,
                [
                    new ChartSeries("Posts linking to their resources", [.. platforms.Select(p => (double?)resourceReach.GetValueOrDefault(p))]),
                    new ChartSeries("Their conference posts", [.. platforms.Select(p => (double?)conferenceReach.GetValueOrDefault(p))]),
                ],
                "archive posts by platform"));
        }

        var uptake = Sum(resources, "uptakeByType");
        if (uptake.Count > 0)
        {
            var types = uptake.Keys.Order(StringComparer.Ordinal).ToList();
            charts.Add(new PortfolioChart("uptake", "Uptake by type", "bar", types,
                [new ChartSeries("Uptake reports", [.. types.Select(t => (double?)uptake[t])])],
                "uptake reports on the resources"));
        }

        var ranks = items.Where(i => i.Series.ContainsKey("rankOverTime") || i.Series.ContainsKey("communityRankOverTime")).ToList();
        if (ranks.Count > 0)
        {
            double? Best(string key, string date) => ranks
                .Where(i => i.Series.TryGetValue(key, out var values) && values.ContainsKey(date))
                .Select(i => (double?)i.Series[key][date]).Min();
            var dates = ranks.SelectMany(i => i.Series.Where(s => s.Key is "rankOverTime" or "communityRankOverTime").SelectMany(s => s.Value.Keys)).Distinct().Order(StringComparer.Ordinal).ToList();
            var series = new List<ChartSeries> { new("Best PageRank rank", [.. dates.Select(d => Best("rankOverTime", d))]) };
            if (ranks.Any(i => i.Series.ContainsKey("communityRankOverTime")))
            {
                series.Add(new ChartSeries("Best betweenness rank within chosen communities", [.. dates.Select(d => Best("communityRankOverTime", d))]));
            }

            charts.Add(new PortfolioChart("rank", "Rank over time", "line", dates, series, "stored network analyses (communities as chosen by the person)"));
        }

        return charts;
    }

    private static Dictionary<string, double> Sum(IReadOnlyCollection<EvidenceItem> items, string series)
    {
        var sum = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (item.Series.TryGetValue(series, out var values))
            {
                foreach (var (key, value) in values)
                {
                    sum[key] = sum.GetValueOrDefault(key) + value;
                }
            }
        }

        return sum;
    }
}
