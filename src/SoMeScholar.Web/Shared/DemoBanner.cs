using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Demo;

namespace SoMeScholar.Web.Shared;

/// <summary>Whether the store holds the synthetic demo community, so every page can say so.</summary>
public sealed class DemoBanner(ScholarDb db)
{
    private bool? _isDemo;

    public async Task<bool> IsDemoAsync() =>
        _isDemo ??= await db.Settings.AsNoTracking().AnyAsync(s => s.Key == DemoCommunity.SeedSetting);
}
