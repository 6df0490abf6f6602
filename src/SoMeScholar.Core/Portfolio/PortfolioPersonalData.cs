using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Security;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Core.Portfolio;

/// <summary>
/// The portfolio's part of a person's data. A portfolio belongs to a person and a sign-in manages its person's
/// (<see cref="ScholarUser.PersonId"/>, as <see cref="PortfolioViewer"/> does). Export holds the section visibility
/// choices, the communities chosen for network ranks, the dossiers with their narratives and chosen items, and their share links (dates only: the token is never
/// stored). On account deletion the dossiers go with their items and share links, so a shared link shows nothing, and
/// the visibility and community choices go, so every section is private again; dossiers and links the user made for other people (as
/// an administrator) stay with their person, without the user's id.
/// </summary>
public sealed class PortfolioPersonalData(ScholarDb db) : IPersonalDataSource
{
    public string Name => "portfolio";

    public async Task<object?> ExportAsync(ScholarUser user, CancellationToken cancellationToken)
    {
        if (user.PersonId is not { } personId)
        {
            return null;
        }

        var dossiers = await db.Dossiers.AsNoTracking().Where(d => d.PersonId == personId).OrderBy(d => d.Id)
            .Select(d => new
            {
                d.Id, d.Title, d.PeriodStart, d.PeriodEnd, d.Narrative, d.IncludeAllItems, d.CreatedAt, d.UpdatedAt,
                Items = d.Items.OrderBy(i => i.ItemKey).Select(i => i.ItemKey).ToList(),
                ShareLinks = db.DossierShareLinks.Where(l => l.DossierId == d.Id).OrderBy(l => l.Id).Select(l => new { l.CreatedAt, l.ExpiresAt, l.RevokedAt }).ToList(),
            })
            .ToListAsync(cancellationToken);
        return new
        {
            Visibility = await db.PortfolioVisibilities.AsNoTracking().Where(v => v.PersonId == personId).OrderBy(v => v.Section)
                .Select(v => new { v.Section, v.IsPublic, v.UpdatedAt }).ToListAsync(cancellationToken),
            Communities = await db.PortfolioCommunities.AsNoTracking().Where(c => c.PersonId == personId).OrderBy(c => c.AnalysisId).ThenBy(c => c.Partition).ThenBy(c => c.Community)
                .Select(c => new { c.AnalysisId, c.Partition, c.Community, c.ChosenAt }).ToListAsync(cancellationToken),
            Dossiers = dossiers,
        };
    }

    public async Task AnonymiseAsync(ScholarUser user, CancellationToken cancellationToken)
    {
        var id = user.Id;
        if (user.PersonId is { } personId)
        {
            var dossiers = db.Dossiers.Where(d => d.PersonId == personId).Select(d => d.Id);
            await db.DossierShareLinks.Where(l => dossiers.Contains(l.DossierId)).ExecuteDeleteAsync(cancellationToken);
            await db.DossierItems.Where(i => dossiers.Contains(i.DossierId)).ExecuteDeleteAsync(cancellationToken);
            await db.Dossiers.Where(d => d.PersonId == personId).ExecuteDeleteAsync(cancellationToken);
            await db.PortfolioVisibilities.Where(v => v.PersonId == personId).ExecuteDeleteAsync(cancellationToken);
            await db.PortfolioCommunities.Where(c => c.PersonId == personId).ExecuteDeleteAsync(cancellationToken);
        }

        await db.Dossiers.Where(d => d.CreatedByUserId == id).ExecuteUpdateAsync(s => s.SetProperty(d => d.CreatedByUserId, (string?)null), cancellationToken);
        await db.DossierShareLinks.Where(l => l.CreatedByUserId == id).ExecuteUpdateAsync(s => s.SetProperty(l => l.CreatedByUserId, (string?)null), cancellationToken);
    }
}
