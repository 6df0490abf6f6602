using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Core.Resources;

public sealed record EndorsementCounts(long Members, long Experts);

/// <summary>
/// Endorsements (one per person per resource, withdrawable) and the verified-expert flag. An endorsement counts as an
/// expert endorsement when its author held the flag when endorsing; members and experts are shown apart.
/// </summary>
public sealed class Endorsements(ScholarDb db, TimeProvider clock)
{
    public async Task<Endorsement> EndorseAsync(ResourceActor actor, long resourceId, bool asExpert, string? comment, CancellationToken cancellationToken = default)
    {
        if (!actor.IsMember)
        {
            throw new ResourceAccessDeniedException("Sign in to endorse resources.");
        }

        if (asExpert && !actor.IsExpert)
        {
            throw new ResourceAccessDeniedException("Only verified experts endorse as experts; administrators grant the flag.");
        }

        var resource = await db.Resources.Include(r => r.Authors).FirstOrDefaultAsync(r => r.Id == resourceId, cancellationToken) ?? throw new ResourceNotFoundException($"No resource {resourceId}.");
        if (resource.Status == ResourceStatus.Retracted)
        {
            throw new ResourceRuleException("The resource was retracted; it takes no endorsements.");
        }

        if (ResourceRegistry.IsAuthor(actor, resource))
        {
            throw new ResourceRuleException("Authors do not endorse their own resource.");
        }

        if (await db.Endorsements.AnyAsync(e => e.ResourceId == resourceId && e.EndorserKey == actor.Key, cancellationToken))
        {
            throw new ResourceRuleException("You already endorse this resource (one endorsement per person).");
        }

        var endorsement = new Endorsement
        {
            ResourceId = resourceId,
            EndorserKey = actor.Key,
            UserId = actor.UserId,
            PersonId = actor.PersonId,
            EndorserName = actor.DisplayName,
            Kind = asExpert ? EndorsementKind.Expert : EndorsementKind.Member,
            Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim()[..Math.Min(comment.Trim().Length, 1000)],
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Endorsements.Add(endorsement);
        await db.SaveChangesAsync(cancellationToken);
        return endorsement;
    }

    /// <summary>Withdraws the actor's own endorsement; returns false when there was none.</summary>
    public async Task<bool> WithdrawAsync(ResourceActor actor, long resourceId, CancellationToken cancellationToken = default)
    {
        if (!actor.IsMember)
        {
            throw new ResourceAccessDeniedException("Sign in to withdraw an endorsement.");
        }

        return await db.Endorsements.Where(e => e.ResourceId == resourceId && e.EndorserKey == actor.Key).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    public async Task<IReadOnlyList<Endorsement>> ForResourceAsync(long resourceId, CancellationToken cancellationToken = default) =>
        await db.Endorsements.AsNoTracking().Where(e => e.ResourceId == resourceId).OrderBy(e => e.Kind).ThenBy(e => e.CreatedAt).ToListAsync(cancellationToken);

    public async Task<IReadOnlyDictionary<long, EndorsementCounts>> CountsAsync(CancellationToken cancellationToken = default)
    {
        var rows = await db.Endorsements.GroupBy(e => new { e.ResourceId, e.Kind }).Select(g => new { g.Key.ResourceId, g.Key.Kind, Count = g.LongCount() }).ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.ResourceId).ToDictionary(
            g => g.Key,
            g => new EndorsementCounts(g.Where(r => r.Kind == EndorsementKind.Member).Sum(r => r.Count), g.Where(r => r.Kind == EndorsementKind.Expert).Sum(r => r.Count)));
    }

    /// <summary>Administrators grant the verified-expert flag to a user (by user name); the grant records who gave it.</summary>
    public async Task<VerifiedExpert> GrantExpertAsync(ResourceActor actor, string userName, string? field, CancellationToken cancellationToken = default)
    {
        if (!actor.IsAdministrator)
        {
            throw new ResourceAccessDeniedException("Only administrators grant the verified-expert flag.");
        }

        var normalizedName = userName.Trim().ToUpperInvariant();
        var user = await db.Users.AsNoTracking().Where(u => u.NormalizedUserName == normalizedName).Select(u => new { u.Id, u.UserName, u.DisplayName, u.PersonId })
            .FirstOrDefaultAsync(cancellationToken) ?? throw new ResourceRuleException($"No user named '{userName.Trim()}'.", "userName");
        var key = ParticipantKey.For(user.Id, user.PersonId);
        if (await db.VerifiedExperts.AnyAsync(e => e.ExpertKey == key, cancellationToken))
        {
            throw new ResourceRuleException($"{user.UserName} is already a verified expert.");
        }

        var expert = new VerifiedExpert
        {
            ExpertKey = key,
            UserId = user.Id,
            PersonId = user.PersonId,
            ExpertName = user.DisplayName ?? user.UserName!,
            Field = string.IsNullOrWhiteSpace(field) ? null : field.Trim(),
            GrantedBy = actor.DisplayName,
            GrantedByUserId = actor.UserId,
            GrantedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.VerifiedExperts.Add(expert);
        await db.SaveChangesAsync(cancellationToken);
        return expert;
    }

    public async Task<bool> RevokeExpertAsync(ResourceActor actor, long expertId, CancellationToken cancellationToken = default)
    {
        if (!actor.IsAdministrator)
        {
            throw new ResourceAccessDeniedException("Only administrators revoke the verified-expert flag.");
        }

        return await db.VerifiedExperts.Where(e => e.Id == expertId).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    public async Task<IReadOnlyList<VerifiedExpert>> ExpertsAsync(CancellationToken cancellationToken = default) =>
        await db.VerifiedExperts.AsNoTracking().OrderBy(e => e.ExpertName).ToListAsync(cancellationToken);
}

public sealed record UptakeInput(UptakeType UseType, string Setting, int? AudienceSize, string Description, KtaPhase Phase);

public sealed record UptakeSummary(long Reports, long Audience, IReadOnlyDictionary<UptakeType, long> ByType, IReadOnlyDictionary<KtaPhase, long> ByPhase)
{
    public static UptakeSummary Of(IEnumerable<UptakeReport> reports)
    {
        var list = reports.ToList();
        return new UptakeSummary(
            list.Count,
            list.Sum(r => (long)(r.AudienceSize ?? 0)),
            Enum.GetValues<UptakeType>().ToDictionary(t => t, t => (long)list.Count(r => r.UseType == t)),
            Enum.GetValues<KtaPhase>().ToDictionary(p => p, p => (long)list.Count(r => r.Phase == p)));
    }
}

public sealed record ResourceUptake(long ResourceId, string Title, UptakeSummary Summary);

public sealed record AuthorUptake(long PersonId, string Name, string Slug, long Resources, UptakeSummary Summary);

/// <summary>"I used this" reports (PRODUCT.md capability 6), and their aggregation per resource and per author.</summary>
public sealed class UptakeReporting(ScholarDb db, TimeProvider clock)
{
    public async Task<UptakeReport> ReportAsync(ResourceActor actor, long resourceId, UptakeInput input, CancellationToken cancellationToken = default)
    {
        if (!actor.IsMember)
        {
            throw new ResourceAccessDeniedException("Sign in to report how you used a resource.");
        }

        if (!await db.Resources.AnyAsync(r => r.Id == resourceId, cancellationToken))
        {
            throw new ResourceNotFoundException($"No resource {resourceId}.");
        }

        if (!Enum.IsDefined(input.UseType))
        {
            throw new ResourceRuleException("Choose the type of use.", "useType");
        }

        if (!Enum.IsDefined(input.Phase))
        {
            throw new ResourceRuleException("Choose the Knowledge-to-Action phase.", "phase");
        }

        if (string.IsNullOrWhiteSpace(input.Setting) || input.Setting.Trim().Length > 512)
        {
            throw new ResourceRuleException("Describe the setting (up to 512 characters).", "setting");
        }

        if (string.IsNullOrWhiteSpace(input.Description) || input.Description.Trim().Length > 4000)
        {
            throw new ResourceRuleException("Describe the use (up to 4,000 characters).", "description");
        }

        if (input.AudienceSize is < 0 or > 1_000_000)
        {
            throw new ResourceRuleException("The audience size is a number from 0 to 1,000,000.", "audienceSize");
        }

        var report = new UptakeReport
        {
            ResourceId = resourceId,
            ReporterKey = actor.Key,
            UserId = actor.UserId,
            PersonId = actor.PersonId,
            ReporterName = actor.DisplayName,
            UseType = input.UseType,
            Setting = input.Setting.Trim(),
            AudienceSize = input.AudienceSize,
            Description = input.Description.Trim(),
            Phase = input.Phase,
            ReportedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.UptakeReports.Add(report);
        await db.SaveChangesAsync(cancellationToken);
        return report;
    }

    /// <summary>The reporter or an administrator removes a report.</summary>
    public async Task<bool> DeleteAsync(ResourceActor actor, long reportId, CancellationToken cancellationToken = default)
    {
        var report = await db.UptakeReports.FirstOrDefaultAsync(r => r.Id == reportId, cancellationToken) ?? throw new ResourceNotFoundException($"No uptake report {reportId}.");
        if (report.ReporterKey != actor.Key && !actor.IsAdministrator)
        {
            throw new ResourceAccessDeniedException("Only the reporter or an administrator removes an uptake report.");
        }

        db.UptakeReports.Remove(report);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<UptakeReport>> ForResourceAsync(long resourceId, CancellationToken cancellationToken = default) =>
        await db.UptakeReports.AsNoTracking().Where(r => r.ResourceId == resourceId).OrderByDescending(r => r.ReportedAt).ThenByDescending(r => r.Id).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<UptakeReport>> RecentAsync(int count, CancellationToken cancellationToken = default) =>
        await db.UptakeReports.AsNoTracking().Include(r => r.Resource).OrderByDescending(r => r.ReportedAt).ThenByDescending(r => r.Id).Take(count).ToListAsync(cancellationToken);

    /// <summary>Reports aggregated per resource, most reported first.</summary>
    public async Task<IReadOnlyList<ResourceUptake>> PerResourceAsync(CancellationToken cancellationToken = default)
    {
        var reports = await db.UptakeReports.AsNoTracking().ToListAsync(cancellationToken);
        var ids = reports.Select(r => r.ResourceId).Distinct().ToList();
        var titles = await db.Resources.AsNoTracking().Where(r => ids.Contains(r.Id)).Select(r => new { r.Id, r.Title }).ToDictionaryAsync(r => r.Id, r => r.Title, cancellationToken);
        return reports.GroupBy(r => r.ResourceId)
            .Select(g => new ResourceUptake(g.Key, titles.GetValueOrDefault(g.Key) ?? "", UptakeSummary.Of(g)))
            .OrderByDescending(r => r.Summary.Reports).ThenBy(r => r.Title, StringComparer.Ordinal).ToList();
    }

    /// <summary>Reports aggregated per author (a person among a resource's authors), most reported first.</summary>
    public async Task<IReadOnlyList<AuthorUptake>> PerAuthorAsync(CancellationToken cancellationToken = default)
    {
        var reports = await db.UptakeReports.AsNoTracking().ToListAsync(cancellationToken);
        var ids = reports.Select(r => r.ResourceId).Distinct().ToList();
        var authors = await db.ResourceAuthors.AsNoTracking().Where(a => a.PersonId != null && ids.Contains(a.ResourceId))
            .Select(a => new { a.ResourceId, PersonId = a.PersonId!.Value, a.Person!.DisplayName, a.Person.Slug }).ToListAsync(cancellationToken);
        return authors.GroupBy(a => (a.PersonId, a.DisplayName, a.Slug))
            .Select(g =>
            {
                var resources = g.Select(a => a.ResourceId).ToHashSet();
                return new AuthorUptake(g.Key.PersonId, g.Key.DisplayName, g.Key.Slug, resources.Count, UptakeSummary.Of(reports.Where(r => resources.Contains(r.ResourceId))));
            })
            .OrderByDescending(a => a.Summary.Reports).ThenBy(a => a.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>The aggregate for one author's resources (portfolio).</summary>
    public async Task<UptakeSummary> ForAuthorAsync(long personId, CancellationToken cancellationToken = default)
    {
        var resourceIds = db.ResourceAuthors.Where(a => a.PersonId == personId).Select(a => a.ResourceId);
        var reports = await db.UptakeReports.AsNoTracking().Where(r => resourceIds.Contains(r.ResourceId)).ToListAsync(cancellationToken);
        return UptakeSummary.Of(reports);
    }
}

/// <summary>Builds the <see cref="ResourceActor"/> of a signed-in user from the store.</summary>
public sealed class ResourceActors(ScholarDb db)
{
    public async Task<ResourceActor> ForUserAsync(string userId, IEnumerable<string> roles, string? displayName, CancellationToken cancellationToken = default)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.PersonId, u.DisplayName, u.UserName }).FirstOrDefaultAsync(cancellationToken)
            ?? throw new ResourceAccessDeniedException("The signed-in user no longer exists.");
        var key = ParticipantKey.For(userId, user.PersonId);
        var expert = await db.VerifiedExperts.AnyAsync(e => e.ExpertKey == key, cancellationToken);
        return new ResourceActor(userId, displayName ?? user.DisplayName ?? user.UserName ?? userId, roles.ToHashSet(StringComparer.Ordinal), user.PersonId, expert);
    }

    /// <summary>For tools (the CLI): an actor for a user name, with the user's roles from the store.</summary>
    public async Task<ResourceActor> ForUserNameAsync(string userName, CancellationToken cancellationToken = default)
    {
        var normalizedName = userName.Trim().ToUpperInvariant();
        var user = await db.Users.AsNoTracking().Where(u => u.NormalizedUserName == normalizedName).Select(u => new { u.Id, u.DisplayName, u.UserName }).FirstOrDefaultAsync(cancellationToken)
            ?? throw new ResourceRuleException($"No user named '{userName.Trim()}'.", "user");
        var roles = await (from userRole in db.UserRoles join role in db.Roles on userRole.RoleId equals role.Id where userRole.UserId == user.Id select role.Name!).ToListAsync(cancellationToken);
        return await ForUserAsync(user.Id, roles, user.DisplayName ?? user.UserName, cancellationToken);
    }

    /// <summary>The actor for unattended bulk loads from the command line: an administrator without a sign-in.</summary>
    public static ResourceActor CommandLine { get; } = new("cli", "command line", new HashSet<string>([Roles.Administrator, Roles.Member]), null, false);
}
