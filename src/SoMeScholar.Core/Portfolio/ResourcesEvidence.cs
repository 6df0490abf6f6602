using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Resources;

namespace SoMeScholar.Core.Portfolio;

/// <summary>
/// Resources the person authored (a registry author linked to the person), each with its review aggregates and
/// badges, member and expert endorsements, archived snapshots, impact from the archive and uptake reports. A resource
/// belongs to a period when it was published (or, without a publication date, registered) in it; its figures are
/// everything known when computed.
/// </summary>
public sealed class ResourcesEvidence(ScholarDb db, ResourceCatalog catalog, ResourceImpact impact) : IPortfolioSource
{
    public PortfolioSection Section => PortfolioSection.Resources;
    public string Title => "Resources authored";
    public string Description => "Open-access resources in the registry that name the person as an author, with peer review, endorsements, impact and uptake.";

    public async Task<SourceResult> GatherAsync(PortfolioSubject subject, CancellationToken cancellationToken)
    {
        var personId = subject.Person.Id;
        var listed = await catalog.AuthoredByAsync(personId, cancellationToken);
        var ids = listed.Select(r => r.Id).ToList();
        var resources = await db.Resources.AsNoTracking().Include(r => r.Authors).Where(r => ids.Contains(r.Id)).AsSplitQuery().ToDictionaryAsync(r => r.Id, cancellationToken);
        var snapshots = await db.ResourceSnapshots.Where(s => ids.Contains(s.ResourceId) && s.Outcome == SnapshotOutcome.Archived)
            .GroupBy(s => s.ResourceId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => (long)g.Count, cancellationToken);
        var uptake = (await db.UptakeReports.AsNoTracking().Where(u => ids.Contains(u.ResourceId)).ToListAsync(cancellationToken)).ToLookup(u => u.ResourceId);
        var items = new List<EvidenceItem>();
        foreach (var entry in listed)
        {
            var resource = resources[entry.Id];
            var date = resource.PublishedAt ?? resource.CreatedAt;
            if (!subject.InPeriod(date))
            {
                continue;
            }

            var report = await impact.ForResourceAsync(entry.Id, cancellationToken);
            var link = $"/Resources/{entry.Id}";
            var registry = new Provenance("resource registry", $"resource {entry.Id}, version {entry.Version}", link, subject.Now);
            var reviews = new Provenance("peer reviews (current, per instrument)", $"{entry.Reviews} current reviews of resource {entry.Id}", link + "#reviews", subject.Now);
            var endorsements = new Provenance("endorsements", $"endorsements of resource {entry.Id}", link + "#endorsements", subject.Now);
            var archive = new Provenance("archive: posts linking to the resource (ResourceImpact)", $"{report.Posts} posts and {report.Reposts} reposts linking to resource {entry.Id}" + (report.FirstAt is { } first ? $", {first:yyyy-MM-dd} to {report.LastAt:yyyy-MM-dd}" : ""), link + "#impact", subject.Now);
            var uses = uptake[entry.Id].ToList();
            var uptakeSource = new Provenance("uptake reports (\"I used this\")", $"{uses.Count} reports on resource {entry.Id}", link + "#uptake", subject.Now);
            var figures = new List<Figure>
            {
                Figure.Count("reviews", "Peer reviews", entry.Reviews, reviews),
            };
            if (entry.BestMeanPercent is { } best)
            {
                figures.Add(Figure.Percent("bestMeanPercent", "Best mean review score", best, reviews));
            }

            figures.AddRange(
            [
                Figure.Count("memberEndorsements", "Member endorsements", entry.MemberEndorsements, endorsements),
                Figure.Count("expertEndorsements", "Expert endorsements", entry.ExpertEndorsements, endorsements),
                Figure.Count("archivedSnapshots", "Archived snapshots", snapshots.GetValueOrDefault(entry.Id), registry),
                Figure.Count("posts", "Posts linking", report.Posts, archive),
                Figure.Count("reposts", "Reposts", report.Reposts, archive),
                Figure.Count("accounts", "Accounts reached", report.Accounts, archive),
                Figure.Count("impressions", "Impressions", report.Impressions, archive),
                Figure.Count("attentionScore", "Attention score", report.AttentionScore, archive),
                Figure.Count("uptakeReports", "Uptake reports", uses.Count, uptakeSource),
                Figure.Count("uptakeAudience", "Uptake audience", uses.Sum(u => (long)(u.AudienceSize ?? 0)), uptakeSource),
            ]);

            var authors = resource.Authors.OrderBy(a => a.Position).ToList();
            var position = authors.FindIndex(a => a.PersonId == personId) + 1;
            var details = new List<Detail>
            {
                new("Type", resource.Type.ToString()),
                new("Authors", string.Join("; ", authors.Select(a => a.Name))),
                new("Author position", $"{position} of {authors.Count}"),
            };
            if (resource.Publisher is { Length: > 0 } publisher)
            {
                details.Add(new("Publisher", publisher));
            }

            if (resource.Licence is { Length: > 0 } licence)
            {
                details.Add(new("Licence", licence));
            }

            details.Add(new("Address", resource.Url));
            if (entry.Badges.Count > 0)
            {
                details.Add(new("Badges", string.Join("; ", entry.Badges.Select(b => $"{b.Label} ({b.InstrumentKey}, mean {b.Mean.ToString("0.#", CultureInfo.InvariantCulture)}, {b.Raters} raters{(b.Verified ? "" : ", local cut-off")})"))));
            }

            if (report.PostsByPlatform.Count > 0)
            {
                details.Add(new("Platforms", string.Join(", ", report.PostsByPlatform.OrderBy(p => p.Key).Select(p => p.Key.ToString()))));
            }

            if (uses.Count > 0)
            {
                details.Add(new("Uses", string.Join("; ", uses.OrderBy(u => u.ReportedAt).Select(u => $"{u.UseType} in {u.Setting}" + (u.AudienceSize is { } n ? $" (audience {n})" : "")))));
            }

            if (resource.Status == ResourceStatus.Retracted)
            {
                details.Add(new("Status", "Retracted"));
            }

            var series = new Dictionary<string, IReadOnlyDictionary<string, double>>
            {
                ["attentionByMonth"] = report.Timeline.GroupBy(d => d.Day.ToString("yyyy-MM", CultureInfo.InvariantCulture)).ToDictionary(g => g.Key, g => (double)g.Sum(d => d.Posts + d.Reposts)),
                ["postsByPlatform"] = report.PostsByPlatform.ToDictionary(p => p.Key.ToString(), p => (double)p.Value),
                ["uptakeByType"] = uses.GroupBy(u => u.UseType).ToDictionary(g => g.Key.ToString(), g => (double)g.Count()),
            };
            var summary = $"{resource.Type} by {string.Join("; ", authors.Select(a => a.Name))}" + (resource.PublishedAt is { } published ? $", published {published:yyyy-MM-dd}" : "");
            items.Add(new EvidenceItem($"resource:{entry.Id}", Section, "resource", resource.Title, link, date, summary, figures, details, series));
        }

        var now = subject.Now;
        var total = new Provenance("sum over the resources listed", $"{items.Count} resources authored", null, now);
        return new SourceResult(items,
        [
            Figure.Count("resources", "Resources authored", items.Count, total),
            Figure.Count("posts", "Posts linking to them", (long)items.Sum(i => i.FigureValue("posts")), total),
            Figure.Count("impressions", "Impressions", (long)items.Sum(i => i.FigureValue("impressions")), total),
            Figure.Count("endorsements", "Endorsements", (long)items.Sum(i => i.FigureValue("memberEndorsements") + i.FigureValue("expertEndorsements")), total),
            Figure.Count("uptakeReports", "Uptake reports", (long)items.Sum(i => i.FigureValue("uptakeReports")), total),
        ]);
    }
}
