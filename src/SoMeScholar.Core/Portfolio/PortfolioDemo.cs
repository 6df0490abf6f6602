using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Demo;
using SoMeScholar.Core.Discussions;
using SoMeScholar.Core.People;

namespace SoMeScholar.Core.Portfolio;

/// <summary>
/// The demo's portfolios: the three people with the most evidence (resources authored with reviews and uptake, and
/// reviews given) get public sections and a dossier over everything in the demo's period with a synthetic narrative.
/// Evidence counts as: reviews given, published discussion comments, the mentor role in the plan (the mentors' demo
/// runs later, at 800), then resources and uptake. The first two make every section public; the third keeps all but
/// its resources private, so visitors see the difference. Dossiers are marked synthetic. Runs after resources (400) and includes every item in its period, so
/// the evidence of capabilities whose demo runs later (mentors) is part of the dossier when it is shown.
/// </summary>
public sealed class PortfolioDemo(ScholarDb db, Dossiers dossiers, PortfolioBuilder portfolio, TimeProvider clock) : IDemoContribution
{
    public int Order => 700;
    public string Name => "portfolios and dossiers";

    public async Task AddAsync(DemoContext context, CancellationToken cancellationToken)
    {
        var ids = context.PersonIds.Values.ToList();
        var authored = await db.ResourceAuthors.Where(a => a.PersonId != null && ids.Contains(a.PersonId.Value))
            .GroupBy(a => a.PersonId!.Value).Select(g => new { PersonId = g.Key, Resources = g.Count() }).ToListAsync(cancellationToken);
        var uptake = await db.UptakeReports.Join(db.ResourceAuthors, u => u.ResourceId, a => a.ResourceId, (u, a) => a.PersonId)
            .Where(p => p != null).GroupBy(p => p!.Value).Select(g => new { PersonId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.PersonId, g => g.Count, cancellationToken);
        var reviews = await db.Reviews.Where(r => r.ReviewerPersonId != null).GroupBy(r => r.ReviewerPersonId!.Value)
            .Select(g => new { PersonId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.PersonId, g => g.Count, cancellationToken);
        var commenters = await db.Comments.Where(c => c.AuthorUserId != null && c.Status == CommentStatus.Published)
            .Join(db.Users, c => c.AuthorUserId, u => u.Id, (c, u) => u.PersonId).Where(p => p != null).Select(p => p!.Value).Distinct().ToListAsync(cancellationToken);
        var mentors = context.Plan.People.Where(p => p.Roles.Contains(CommunityRole.Mentor)).Select(p => context.PersonIds[p.Index]).ToHashSet();
        var chosen = authored
            .OrderByDescending(a => (reviews.ContainsKey(a.PersonId) ? 1 : 0) + (commenters.Contains(a.PersonId) ? 1 : 0) + (mentors.Contains(a.PersonId) ? 1 : 0))
            .ThenByDescending(a => a.Resources + uptake.GetValueOrDefault(a.PersonId))
            .ThenBy(a => a.PersonId)
            .Take(3).Select(a => a.PersonId).ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        var from = new DateTime(DemoPlan.WindowStart.Year - 3, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var to = (now > DemoPlan.WindowEnd ? now : DemoPlan.WindowEnd).Date.AddDays(1);
        for (var i = 0; i < chosen.Count; i++)
        {
            var personId = chosen[i];
            var person = await db.People.AsNoTracking().FirstAsync(p => p.Id == personId, cancellationToken);
            var sections = i < 2 ? Enum.GetValues<PortfolioSection>().ToHashSet() : [PortfolioSection.Resources];
            await portfolio.SetVisibilityAsync(PortfolioViewer.CommandLine, personId, sections, cancellationToken);
            var narrative = $"""
                *Synthetic demo narrative, generated for the demo community.*

                ## Statement of digital scholarship

                {person.DisplayName} creates open-access education resources for {person.Specialty ?? "health-professions education"} and
                shares them where learners are. This dossier maps each item to the criteria of **Sherbino et al. 2015** and
                **Husain et al. 2020**; every figure links to the records it came from.

                - Resources are peer reviewed with published instruments (rMETRIQ, ALiEM AIR).
                - Impact is measured from the archive of posts linking to them, and from reports of use.
                """;
            await dossiers.CreateAsync(PortfolioViewer.CommandLine, personId,
                new DossierInput($"Promotion dossier {to.Year} (synthetic)", from, to, narrative, IncludeAllItems: true, []), isSynthetic: true, cancellationToken);
        }
    }
}
