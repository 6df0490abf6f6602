using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Portfolio;
using SoMeScholar.Core.Security;
using SoMeScholar.Testing;
using SoMeScholar.Testing.Portfolio;

namespace SoMeScholar.Core.Tests.Portfolio;

public class PortfolioPersonalDataTests
{
    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Export_holds_the_dossiers_and_deleting_the_account_removes_them_so_their_share_links_show_nothing(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var fixture = await PortfolioFixture.CreateAsync(store);
        await using var scope = store.Scope();
        var services = scope.ServiceProvider;
        var dossiers = services.GetRequiredService<Dossiers>();
        var builder = services.GetRequiredService<PortfolioBuilder>();
        var owner = new PortfolioViewer(fixture.AdaUserId, fixture.AdaId, false);
        var from = PortfolioFixture.Day.AddYears(-1);
        var to = PortfolioFixture.Day.AddYears(1);
        var dossier = await dossiers.CreateAsync(owner, fixture.AdaId, new DossierInput("Promotion 2027", from, to, "I teach **airway**.", false, [$"review:{fixture.AdaReviewId}"]));
        var (_, token) = await dossiers.CreateShareLinkAsync(owner, dossier.Id, DateTime.UtcNow.AddDays(7));
        await builder.SetVisibilityAsync(owner, fixture.AdaId, new HashSet<PortfolioSection> { PortfolioSection.Resources, PortfolioSection.PeerReview });
        // Ada, acting as an administrator, also made a dossier and a link for Bo: those are Bo's and stay.
        var asAdministrator = new PortfolioViewer(fixture.AdaUserId, fixture.AdaId, true);
        var bosDossier = await dossiers.CreateAsync(asAdministrator, fixture.BoId, new DossierInput("Bo's dossier", from, to, null, true, []));
        var (_, bosToken) = await dossiers.CreateShareLinkAsync(asAdministrator, bosDossier.Id, DateTime.UtcNow.AddDays(7));
        var privacy = services.GetRequiredService<AccountPrivacy>();
        Assert.NotNull(await dossiers.ResolveShareTokenAsync(token));

        var export = JsonDocument.Parse(await privacy.ExportJsonAsync(fixture.AdaUserId)).RootElement.GetProperty("portfolio");
        await privacy.DeleteAccountAsync(fixture.AdaUserId);

        var exported = Assert.Single(export.GetProperty("dossiers").EnumerateArray());
        Assert.Equal("Promotion 2027", exported.GetProperty("title").GetString());
        Assert.Equal("I teach **airway**.", exported.GetProperty("narrative").GetString());
        Assert.Equal([$"review:{fixture.AdaReviewId}"], exported.GetProperty("items").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal(1, exported.GetProperty("shareLinks").GetArrayLength());
        Assert.DoesNotContain("tokenHash", export.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(["PeerReview", "Resources"], export.GetProperty("visibility").EnumerateArray().Where(v => v.GetProperty("isPublic").GetBoolean()).Select(v => v.GetProperty("section").GetString()).Order(StringComparer.Ordinal));

        Assert.Null(await dossiers.ResolveShareTokenAsync(token));
        Assert.All((await builder.VisibilityAsync(fixture.AdaId)).Values, Assert.False);
        await using var db = store.NewDb();
        Assert.False(await db.Dossiers.AnyAsync(d => d.PersonId == fixture.AdaId));
        Assert.False(await db.DossierItems.AnyAsync(i => i.DossierId == dossier.Id));
        Assert.False(await db.DossierShareLinks.AnyAsync(l => l.DossierId == dossier.Id));
        var kept = await db.Dossiers.AsNoTracking().SingleAsync(d => d.Id == bosDossier.Id);
        Assert.Null(kept.CreatedByUserId);
        Assert.Equal(bosDossier.Id, (await dossiers.ResolveShareTokenAsync(bosToken))?.Id);
        Assert.True(await db.Reviews.AnyAsync(r => r.Id == fixture.AdaReviewId));
    }
}
