using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Demo;
using SoMeScholar.Core.Discussions;
using SoMeScholar.Core.People;
using SoMeScholar.Core.Resources;
using SoMeScholar.Core.Reviews;

namespace SoMeScholar.Core.Portfolio;

/// <summary>
/// The demo's portfolios: three authors with full portfolios get public sections and a dossier over everything in the
/// demo's period with a synthetic narrative. Eight authors are shortlisted by the kinds of evidence they have (reviews
/// given, published discussion comments, the mentor role in the plan (the mentors' demo runs later, at 800), resources
/// peer reviewed, resources used); each gets an archived copy of their resources (synthetic text: the demo cannot fetch
/// pages) and chooses every community of the stored analyses they belong to, so their betweenness ranks within
/// communities are shown; the three whose items meet the most criteria are kept. A kept person who has given no review
/// gives one (a synthetic rMETRIQ review of another author's resource), so every criterion of their dossier has
/// evidence. The first two make every section public; the third keeps all but its resources private, so visitors see
/// the difference. Dossiers are marked synthetic. Runs after resources (400) and includes every item in its period, so
/// the evidence of capabilities whose demo runs later (mentors) is part of the dossier when it is shown.
/// </summary>
public sealed class PortfolioDemo(ScholarDb db, Dossiers dossiers, PortfolioBuilder portfolio, PortfolioCommunities communities, InstrumentCatalog instruments, TimeProvider clock) : IDemoContribution
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
        var reviewed = await db.Reviews.Join(db.ResourceAuthors, r => r.ResourceId, a => a.ResourceId, (r, a) => a.PersonId)
            .Where(p => p != null).Select(p => p!.Value).Distinct().ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var from = new DateTime(DemoPlan.WindowStart.Year - 3, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var to = (now > DemoPlan.WindowEnd ? now : DemoPlan.WindowEnd).Date.AddDays(1);

        // A first cut by the kinds of evidence each author has, then the few best are assessed against the criteria
        // themselves (after their resources are archived and their communities chosen), and the three meeting most are kept.
        var shortlist = authored
            .OrderByDescending(a => (reviews.ContainsKey(a.PersonId) ? 1 : 0) + (commenters.Contains(a.PersonId) ? 1 : 0) + (mentors.Contains(a.PersonId) ? 1 : 0)
                + (reviewed.Contains(a.PersonId) ? 1 : 0) + (uptake.ContainsKey(a.PersonId) ? 1 : 0))
            .ThenByDescending(a => a.Resources + uptake.GetValueOrDefault(a.PersonId))
            .ThenBy(a => a.PersonId)
            .Take(8).Select(a => a.PersonId).ToList();
        var met = new Dictionary<long, int>();
        foreach (var personId in shortlist)
        {
            await ArchiveSnapshotsAsync(personId, now, cancellationToken);
            var options = await communities.OptionsAsync(personId, cancellationToken);
            await communities.SetAsync(PortfolioViewer.CommandLine, personId, options.Where(o => o.HasBetweenness).Select(o => o.Key), cancellationToken);
            var items = await dossiers.CandidatesAsync(PortfolioViewer.CommandLine, personId, from, to, cancellationToken);
            met[personId] = DossierCriteria.All.Count(c => c.Evidence(items).Count > 0) + (mentors.Contains(personId) ? 1 : 0);
        }

        var chosen = shortlist.OrderByDescending(id => met[id]).ThenBy(shortlist.IndexOf).Take(3).ToList();
        for (var i = 0; i < chosen.Count; i++)
        {
            var personId = chosen[i];
            var person = await db.People.AsNoTracking().FirstAsync(p => p.Id == personId, cancellationToken);
            if (!reviews.ContainsKey(personId))
            {
                await AddReviewGivenAsync(personId, person.DisplayName, context.Random, now, cancellationToken);
            }

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

    /// <summary>
    /// A digital peer review (Husain et al.'s third recommendation) for a chosen person who has given none: a synthetic
    /// rMETRIQ review of another author's resource, stored as the resources demo stores its reviews (submitted,
    /// no conflict declared, marked synthetic).
    /// </summary>
    private async Task AddReviewGivenAsync(long personId, string name, Random random, DateTime now, CancellationToken cancellationToken)
    {
        var instrument = await instruments.GetLatestAsync("rmetriq", cancellationToken);
        var candidates = await db.Resources.Where(r => !r.Authors.Any(a => a.PersonId == personId) && r.Status != ResourceStatus.Retracted)
            .OrderBy(r => r.Id).Take(20).ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return;
        }

        var resource = candidates[random.Next(candidates.Count)];
        var key = ParticipantKey.For(null, personId);
        var at = now.AddDays(-random.Next(10, 120));
        var assignment = new ReviewAssignment
        {
            Resource = resource,
            ResourceVersion = resource.Version,
            InstrumentId = instrument.Id,
            ReviewerKey = key,
            ReviewerPersonId = personId,
            ReviewerName = name,
            Volunteered = true,
            Status = AssignmentStatus.Submitted,
            HasConflict = false,
            ConflictDeclaredAt = at.AddHours(-2),
            CreatedAt = at.AddDays(-3),
            IsSynthetic = true,
        };
        var scores = instrument.Definition.Items.ToDictionary(item => item.Key, item => Math.Clamp(item.Max - random.Next(2), item.Min, item.Max));
        var review = new Review
        {
            Assignment = assignment,
            Resource = resource,
            ResourceVersion = resource.Version,
            InstrumentId = instrument.Id,
            ReviewerKey = key,
            ReviewerPersonId = personId,
            ReviewerName = name,
            Total = instrument.Definition.Score(scores),
            Comments = "Clear, well referenced and useful for teaching; the key points are easy to find. (synthetic demo review)",
            Recommendation = Recommendation.Recommend,
            SubmittedAt = at,
            IsSynthetic = true,
        };
        review.Scores.AddRange(scores.Select(s => new ReviewItemScore { ItemKey = s.Key, Score = s.Value }));
        db.ReviewAssignments.Add(assignment);
        db.Reviews.Add(review);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    /// <summary>
    /// An archived copy of each of the person's resources that has none: the demo has no internet, so the copy is a
    /// generated text that says it is synthetic, stored as the snapshot fetcher stores a page (text, SHA-256, size).
    /// </summary>
    private async Task ArchiveSnapshotsAsync(long personId, DateTime now, CancellationToken cancellationToken)
    {
        var resources = await db.Resources.AsNoTracking()
            .Where(r => r.Authors.Any(a => a.PersonId == personId) && !db.ResourceSnapshots.Any(s => s.ResourceId == r.Id && s.Outcome == SnapshotOutcome.Archived))
            .Select(r => new { r.Id, r.Title, r.Url, r.Version, r.PublishedAt, r.CreatedAt }).ToListAsync(cancellationToken);
        foreach (var resource in resources)
        {
            var text = $"Synthetic demo snapshot of \u201c{resource.Title}\u201d ({resource.Url}). The demo community has no internet access, so this archived copy is generated text standing in for the page as the snapshot fetcher would store it.";
            var bytes = Encoding.UTF8.GetBytes(text);
            var fetched = (resource.PublishedAt ?? resource.CreatedAt).AddDays(1);
            db.ResourceSnapshots.Add(new ResourceSnapshot
            {
                ResourceId = resource.Id,
                ResourceVersion = resource.Version,
                FetchedAt = fetched < now ? fetched : now,
                Outcome = SnapshotOutcome.Archived,
                HttpStatus = 200,
                ContentType = "text/plain; charset=utf-8 (synthetic)",
                Bytes = bytes.Length,
                Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
                Text = text,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
