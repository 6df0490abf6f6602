using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;

namespace SoMeScholar.Core.Portfolio;

/// <summary>What the person chooses for a dossier.</summary>
public sealed record DossierInput(string Title, DateTime From, DateTime To, string? Narrative, bool IncludeAllItems, IReadOnlyCollection<string> ItemKeys);

/// <summary>A share link as its owner sees it (the token is only known when the link is created).</summary>
public sealed record ShareLinkView(long Id, DateTime CreatedAt, DateTime ExpiresAt, DateTime? RevokedAt, bool Active);

/// <summary>
/// Dossiers: the person (or an administrator) creates one by choosing a period and items and writing a narrative; it
/// is assembled from the store each time it is shown or exported, mapped to <see cref="DossierCriteria"/>. Read-only
/// share links carry a random token (only its hash is stored), expire, and can be revoked.
/// </summary>
public sealed class Dossiers(ScholarDb db, PortfolioBuilder portfolio, TimeProvider clock)
{
    public const int MaxNarrativeLength = 20_000;
    public static readonly TimeSpan MaxShareLifetime = TimeSpan.FromDays(366);

    public async Task<IReadOnlyList<Dossier>> ForPersonAsync(PortfolioViewer viewer, long personId, CancellationToken cancellationToken = default) =>
        viewer.CanManage(personId)
            ? await db.Dossiers.AsNoTracking().Include(d => d.Items).Where(d => d.PersonId == personId).OrderByDescending(d => d.UpdatedAt).ThenByDescending(d => d.Id).ToListAsync(cancellationToken)
            : [];

    public async Task<Dossier> GetAsync(PortfolioViewer viewer, long dossierId, CancellationToken cancellationToken = default)
    {
        var dossier = await db.Dossiers.AsNoTracking().Include(d => d.Items).Include(d => d.Person).FirstOrDefaultAsync(d => d.Id == dossierId, cancellationToken)
            ?? throw new PortfolioNotFoundException($"There is no dossier {dossierId}.");
        return viewer.CanManage(dossier.PersonId) ? dossier : throw new PortfolioAccessDeniedException("Only the person or an administrator opens a dossier; others need a share link.");
    }

    public async Task<Dossier> CreateAsync(PortfolioViewer viewer, long personId, DossierInput input, bool isSynthetic = false, CancellationToken cancellationToken = default)
    {
        if (!viewer.CanManage(personId))
        {
            throw new PortfolioAccessDeniedException("Only the person or an administrator creates their dossier.");
        }

        if (!await db.People.AnyAsync(p => p.Id == personId, cancellationToken))
        {
            throw new PortfolioNotFoundException($"There is no person {personId}.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var dossier = new Dossier { PersonId = personId, Title = "", CreatedAt = now, CreatedByUserId = viewer.UserId, IsSynthetic = isSynthetic };
        Apply(dossier, input, now);
        db.Dossiers.Add(dossier);
        await db.SaveChangesAsync(cancellationToken);
        return dossier;
    }

    public async Task<Dossier> UpdateAsync(PortfolioViewer viewer, long dossierId, DossierInput input, CancellationToken cancellationToken = default)
    {
        var dossier = await db.Dossiers.Include(d => d.Items).FirstOrDefaultAsync(d => d.Id == dossierId, cancellationToken)
            ?? throw new PortfolioNotFoundException($"There is no dossier {dossierId}.");
        if (!viewer.CanManage(dossier.PersonId))
        {
            throw new PortfolioAccessDeniedException("Only the person or an administrator edits their dossier.");
        }

        Apply(dossier, input, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return dossier;
    }

    public async Task DeleteAsync(PortfolioViewer viewer, long dossierId, CancellationToken cancellationToken = default)
    {
        var dossier = await GetAsync(viewer, dossierId, cancellationToken);
        await db.Dossiers.Where(d => d.Id == dossier.Id).ExecuteDeleteAsync(cancellationToken);
    }

    private static void Apply(Dossier dossier, DossierInput input, DateTime now)
    {
        var title = input.Title?.Trim() ?? "";
        if (title.Length is 0 or > 256)
        {
            throw new PortfolioRuleException("A dossier needs a title of at most 256 characters.");
        }

        if (input.From.Kind != DateTimeKind.Utc || input.To.Kind != DateTimeKind.Utc || input.From >= input.To)
        {
            throw new PortfolioRuleException("The period needs a start before its end (UTC).");
        }

        if (input.Narrative is { Length: > MaxNarrativeLength })
        {
            throw new PortfolioRuleException($"The narrative is limited to {MaxNarrativeLength} characters.");
        }

        var keys = input.ItemKeys.Select(k => k.Trim()).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (keys.Any(k => k.Length > 200 || !k.Contains(':', StringComparison.Ordinal)))
        {
            throw new PortfolioRuleException("An item key looks like kind:id, e.g. resource:12.");
        }

        dossier.Title = title;
        dossier.PeriodStart = input.From;
        dossier.PeriodEnd = input.To;
        dossier.Narrative = string.IsNullOrWhiteSpace(input.Narrative) ? null : input.Narrative;
        dossier.IncludeAllItems = input.IncludeAllItems;
        dossier.UpdatedAt = now;
        dossier.Items.RemoveAll(i => !keys.Contains(i.ItemKey));
        foreach (var key in keys.Where(k => dossier.Items.All(i => i.ItemKey != k)))
        {
            dossier.Items.Add(new DossierItem { ItemKey = key });
        }
    }

    /// <summary>Every item the person could put in a dossier for the period (all sections, public or not).</summary>
    public async Task<IReadOnlyList<EvidenceItem>> CandidatesAsync(PortfolioViewer viewer, long personId, DateTime from, DateTime to, CancellationToken cancellationToken = default)
    {
        if (!viewer.CanManage(personId))
        {
            throw new PortfolioAccessDeniedException("Only the person or an administrator builds their dossier.");
        }

        var subject = await portfolio.SubjectAsync(personId.ToString(System.Globalization.CultureInfo.InvariantCulture), from, to, cancellationToken)
            ?? throw new PortfolioNotFoundException($"There is no person {personId}.");
        return [.. (await portfolio.GatherAllAsync(subject, cancellationToken)).SelectMany(r => r.Result.Items)];
    }

    /// <summary>The stored dossier, assembled from the store now. Callers have checked access (owner, administrator or a valid share link).</summary>
    public async Task<DossierDocument> AssembleAsync(Dossier dossier, CancellationToken cancellationToken = default)
    {
        var keys = dossier.Items.Select(i => i.ItemKey).ToHashSet(StringComparer.Ordinal);
        return await AssembleAsync(dossier.PersonId.ToString(System.Globalization.CultureInfo.InvariantCulture), dossier.Title, dossier.PeriodStart, dossier.PeriodEnd, dossier.Narrative,
            item => dossier.IncludeAllItems || keys.Contains(item.Key), dossier.Id, cancellationToken);
    }

    /// <summary>
    /// A dossier of every item in a period, not stored (the command line's <c>somescholar dossier</c>). Null when the
    /// person does not exist.
    /// </summary>
    public async Task<DossierDocument?> AssembleForPeriodAsync(string slugOrId, DateTime from, DateTime to, string? narrative, CancellationToken cancellationToken = default)
    {
        if (from >= to)
        {
            throw new PortfolioRuleException("The period needs a start before its end.");
        }

        return await portfolio.SubjectAsync(slugOrId, from, to, cancellationToken) is { } subject
            ? await AssembleAsync(subject.Person.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), $"Scholarship dossier of {subject.Person.DisplayName}", from, to, narrative, _ => true, null, cancellationToken)
            : null;
    }

    private async Task<DossierDocument> AssembleAsync(string personKey, string title, DateTime from, DateTime to, string? narrative, Func<EvidenceItem, bool> chosen, long? dossierId, CancellationToken cancellationToken)
    {
        var subject = await portfolio.SubjectAsync(personKey, from, to, cancellationToken) ?? throw new PortfolioNotFoundException($"There is no person {personKey}.");
        var gathered = await portfolio.GatherAllAsync(subject, cancellationToken);
        var items = gathered.SelectMany(g => g.Result.Items).Where(chosen).ToList();
        var criteria = DossierCriteria.All.Select(c =>
        {
            var evidence = c.Evidence(items);
            return new CriterionAssessment(c.Id, c.Framework, c.Group, c.Wording, c.Citation, c.Basis, evidence.Count > 0 ? "met" : DossierCriteria.NotYetMet, evidence);
        }).ToList();
        var summary = criteria.Select(c => new SummaryRow(c.Framework, c.Group, c.Wording, c.Status, c.Evidence.Count,
            string.Join("; ", c.Evidence.Select(e => e.ItemTitle).Distinct().Take(2)) + (c.Evidence.Select(e => e.ItemKey).Distinct().Count() > 2 ? $" and {c.Evidence.Select(e => e.ItemKey).Distinct().Count() - 2} more" : ""))).ToList();
        var now = subject.Now;
        var totals = new List<Figure>();
        foreach (var (source, _) in gathered)
        {
            var chosenHere = items.Where(i => i.Section == source.Section).ToList();
            totals.Add(Figure.Count("items:" + source.Section, $"{source.Title}: items", chosenHere.Count, new Provenance("dossier items", $"items chosen from {source.Title}", null, now)));
        }

        var person = subject.Person;
        return new DossierDocument(
            DossierDocument.SchemaId,
            dossierId,
            title,
            new DossierPerson(person.Id, person.DisplayName, person.Slug, person.Profession.ToString(), person.Specialty, person.Institution, person.IsSynthetic),
            from,
            to,
            now,
            await DataAsOfAsync(cancellationToken),
            narrative,
            totals,
            items,
            criteria,
            summary,
            PortfolioBuilder.Charts(items),
            [DossierCriteria.SherbinoCitation, DossierCriteria.HusainCitation]);
    }

    /// <summary>The data's date: the newest archived post, review, endorsement or uptake report in the store.</summary>
    private async Task<DateTime?> DataAsOfAsync(CancellationToken cancellationToken)
    {
        DateTime?[] dates =
        [
            await db.Posts.MaxAsync(p => (DateTime?)p.CreatedAt, cancellationToken),
            await db.Reviews.MaxAsync(r => (DateTime?)r.SubmittedAt, cancellationToken),
            await db.Endorsements.MaxAsync(e => (DateTime?)e.CreatedAt, cancellationToken),
            await db.UptakeReports.MaxAsync(u => (DateTime?)u.ReportedAt, cancellationToken),
        ];
        return dates.Max();
    }

    public async Task<(DossierShareLink Link, string Token)> CreateShareLinkAsync(PortfolioViewer viewer, long dossierId, DateTime expiresAt, CancellationToken cancellationToken = default)
    {
        var dossier = await GetAsync(viewer, dossierId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (expiresAt <= now || expiresAt - now > MaxShareLifetime)
        {
            throw new PortfolioRuleException("A share link expires in the future, within a year.");
        }

        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var link = new DossierShareLink { DossierId = dossier.Id, TokenHash = Hash(token), CreatedAt = now, ExpiresAt = expiresAt, CreatedByUserId = viewer.UserId };
        db.DossierShareLinks.Add(link);
        await db.SaveChangesAsync(cancellationToken);
        return (link, token);
    }

    public async Task<IReadOnlyList<ShareLinkView>> ShareLinksAsync(PortfolioViewer viewer, long dossierId, CancellationToken cancellationToken = default)
    {
        var dossier = await GetAsync(viewer, dossierId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var links = await db.DossierShareLinks.AsNoTracking().Where(l => l.DossierId == dossier.Id).OrderByDescending(l => l.CreatedAt).ToListAsync(cancellationToken);
        return [.. links.Select(l => new ShareLinkView(l.Id, l.CreatedAt, l.ExpiresAt, l.RevokedAt, l.RevokedAt is null && l.ExpiresAt > now))];
    }

    public async Task RevokeShareLinkAsync(PortfolioViewer viewer, long linkId, CancellationToken cancellationToken = default)
    {
        var link = await db.DossierShareLinks.Include(l => l.Dossier).FirstOrDefaultAsync(l => l.Id == linkId, cancellationToken)
            ?? throw new PortfolioNotFoundException($"There is no share link {linkId}.");
        if (!viewer.CanManage(link.Dossier!.PersonId))
        {
            throw new PortfolioAccessDeniedException("Only the person or an administrator revokes a share link.");
        }

        link.RevokedAt ??= clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The dossier a share token opens, or null when the token is unknown, expired or revoked.</summary>
    public async Task<Dossier?> ResolveShareTokenAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
        {
            return null;
        }

        var hash = Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;
        var link = await db.DossierShareLinks.AsNoTracking().FirstOrDefaultAsync(l => l.TokenHash == hash, cancellationToken);
        if (link is null || link.RevokedAt is not null || link.ExpiresAt <= now)
        {
            return null;
        }

        return await db.Dossiers.AsNoTracking().Include(d => d.Items).Include(d => d.Person).FirstOrDefaultAsync(d => d.Id == link.DossierId, cancellationToken);
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
