using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SoMeScholar.Core.Portfolio;
using SoMeScholar.Core.Users;
using SoMeScholar.Testing.Portfolio;

namespace SoMeScholar.Web.Tests.Portfolio;

public partial class PortfolioWebTests
{
    private static async Task<(ScholarWebFactory Factory, PortfolioFixture Fixture, long DossierId)> CreateAsync()
    {
        var factory = await ScholarWebFactory.CreateAsync();
        var fixture = await PortfolioFixture.CreateAsync(factory.Store);
        await using var scope = factory.Services.CreateAsyncScope();
        var owner = new PortfolioViewer(fixture.AdaUserId, fixture.AdaId, false);
        await scope.ServiceProvider.GetRequiredService<PortfolioBuilder>().SetVisibilityAsync(owner, fixture.AdaId, new HashSet<PortfolioSection> { PortfolioSection.Resources });
        var dossier = await scope.ServiceProvider.GetRequiredService<Dossiers>().CreateAsync(owner, fixture.AdaId,
            new DossierInput("Promotion dossier of Ada", PortfolioFixture.Day.AddYears(-1), PortfolioFixture.Day.AddYears(1), "## My statement\n\nI teach **airway**.<script>alert(1)</script>", true, []));
        return (factory, fixture, dossier.Id);
    }

    private static async Task<HttpClient> OwnerAsync(ScholarWebFactory factory, PortfolioFixture fixture)
    {
        var client = factory.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await ScholarWebFactory.SignInAsync(client, fixture.AdaUserName, fixture.AdaPassword)).StatusCode);
        return client;
    }

    [Fact]
    public async Task Guests_and_other_members_see_only_the_public_sections_and_the_person_and_administrators_see_all()
    {
        var (factory, fixture, _) = await CreateAsync();
        await using var _ = factory;

        foreach (var client in new[] { factory.Client(), await factory.SignedInClientAsync(Roles.Member) })
        {
            var page = await client.GetStringAsync($"/Portfolio/{fixture.AdaSlug}");
            Assert.Contains("Airway pearls", page, StringComparison.Ordinal);
            Assert.DoesNotContain("#smacc26", page, StringComparison.Ordinal);
            Assert.DoesNotContain("Sepsis primer", page, StringComparison.Ordinal);
            Assert.Contains("This section is private.", page, StringComparison.Ordinal);
            Assert.DoesNotContain("Build a dossier", page, StringComparison.Ordinal);
            var api = await client.GetStringAsync($"/api/portfolio/people/{fixture.AdaSlug}");
            Assert.Contains("Airway pearls", api, StringComparison.Ordinal);
            Assert.DoesNotContain("smacc26", api, StringComparison.Ordinal);
            Assert.DoesNotContain("Sepsis primer", api, StringComparison.Ordinal);
            using var json = System.Text.Json.JsonDocument.Parse(api);
            Assert.Equal(["Resources"], json.RootElement.GetProperty("sections").EnumerateArray().Select(e => e.GetProperty("section").GetString()));
            Assert.Empty(json.RootElement.GetProperty("timeline").EnumerateArray());
            Assert.All(json.RootElement.GetProperty("sections").EnumerateArray().SelectMany(e => e.GetProperty("items").EnumerateArray()),
                i => Assert.StartsWith("resource:", i.GetProperty("key").GetString(), StringComparison.Ordinal));
            foreach (var hidden in new[] { "review-", "hashtag-", "discussion-", "mentee-", "network-" })
            {
                Assert.DoesNotContain($"id=\"item-{hidden}", page, StringComparison.Ordinal);
            }
        }

        foreach (var client in new[] { await OwnerAsync(factory, fixture), await factory.SignedInClientAsync(Roles.Administrator) })
        {
            var page = await client.GetStringAsync($"/Portfolio/{fixture.AdaSlug}");
            Assert.Contains("#smacc26", page, StringComparison.Ordinal);
            Assert.Contains("Sepsis primer", page, StringComparison.Ordinal);
            Assert.Contains("Build a dossier", page, StringComparison.Ordinal);
            Assert.Contains("data-chart=", page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_person_chooses_communities_on_their_portfolio_and_visitors_see_the_choice_with_its_analysis()
    {
        var (factory, fixture, _) = await CreateAsync();
        await using var _ = factory;
        var computed = PortfolioFixture.Day.AddDays(3);
        var analysisId = await PortfolioNetwork.AddWithPersonAsync(factory.Store, fixture.AdaId, computed);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PortfolioBuilder>().SetVisibilityAsync(PortfolioViewer.CommandLine, fixture.AdaId,
                new HashSet<PortfolioSection> { PortfolioSection.Resources, PortfolioSection.Network });
        }

        async Task<HttpResponseMessage> ChooseAsync(HttpClient client, params string[] keys)
        {
            var form = await client.GetStringAsync($"/Portfolio/{fixture.AdaSlug}");
            var fields = keys.Select(k => new KeyValuePair<string, string>("chosenCommunities", k)).Append(new("__RequestVerificationToken", ScholarWebFactory.AntiforgeryToken(form)));
            return await client.PostAsync($"/Portfolio/{fixture.AdaSlug}?handler=Communities", new FormUrlEncodedContent(fields));
        }

        async Task<IReadOnlyList<string>> ChosenAsync()
        {
            await using var scope = factory.Services.CreateAsyncScope();
            return [.. (await scope.ServiceProvider.GetRequiredService<PortfolioCommunities>().ChosenAsync(fixture.AdaId)).Select(c => PortfolioCommunities.KeyOf(c.AnalysisId, c.Partition, c.Community))];
        }

        var owner = await OwnerAsync(factory, fixture);
        var own = await owner.GetStringAsync($"/Portfolio/{fixture.AdaSlug}");
        Assert.Contains($"value=\"{analysisId}:louvain:1\"", own, StringComparison.Ordinal);
        Assert.Contains($"value=\"{analysisId}:leiden:2\"", own, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await ChooseAsync(owner, $"{analysisId}:louvain:1")).StatusCode);
        Assert.Equal([$"{analysisId}:louvain:1"], await ChosenAsync());

        var member = await factory.SignedInClientAsync(Roles.Member);
        Assert.NotEqual(HttpStatusCode.OK, (await ChooseAsync(member, $"{analysisId}:leiden:2")).StatusCode);
        Assert.Equal([$"{analysisId}:louvain:1"], await ChosenAsync());

        foreach (var visitor in new[] { factory.Client(), member })
        {
            var page = await visitor.GetStringAsync($"/Portfolio/{fixture.AdaSlug}");
            Assert.DoesNotContain("name=\"chosenCommunities\"", page, StringComparison.Ordinal);
            Assert.Contains("Louvain community 1 (3 members) of <a href=\"/Network/Analysis/" + analysisId, page, StringComparison.Ordinal);
            Assert.Contains($"computed <time datetime=\"{computed:O}\">{computed:yyyy-MM-dd HH:mm} UTC</time>", page, StringComparison.Ordinal);
            Assert.Contains("Betweenness rank within Louvain community 1 (of 3, chosen)", page, StringComparison.Ordinal);
            Assert.DoesNotContain("Leiden community 2", page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Only_the_person_or_an_administrator_opens_a_dossier_and_its_exports()
    {
        var (factory, fixture, dossierId) = await CreateAsync();
        await using var _ = factory;

        var guest = factory.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await guest.GetAsync($"/Portfolio/Dossier/{dossierId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await guest.GetAsync($"/api/portfolio/dossiers/{dossierId}")).StatusCode);
        var member = await factory.SignedInClientAsync(Roles.Member);
        var refused = await member.GetAsync($"/Portfolio/Dossier/{dossierId}");
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        Assert.DoesNotContain("Promotion dossier of Ada", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync($"/api/portfolio/dossiers/{dossierId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await member.GetAsync($"/Portfolio/Build/{fixture.AdaId}")).StatusCode);

        var owner = await OwnerAsync(factory, fixture);
        var page = await owner.GetStringAsync($"/Portfolio/Dossier/{dossierId}");
        Assert.Contains("Promotion dossier of Ada", page, StringComparison.Ordinal);
        Assert.Contains("<strong>airway</strong>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", page, StringComparison.Ordinal);
        var json = await owner.GetStringAsync($"/api/portfolio/dossiers/{dossierId}");
        Assert.Contains("\"schema\": \"somescholar-dossier/1\"", json, StringComparison.Ordinal);
        var build = await owner.GetStringAsync($"/Portfolio/Build/{fixture.AdaId}?dossier={dossierId}");
        Assert.Contains($"value=\"review:{fixture.AdaReviewId}\"", build, StringComparison.Ordinal);
        var admin = await factory.SignedInClientAsync(Roles.Administrator);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/portfolio/dossiers/{dossierId}")).StatusCode);
    }

    [Fact]
    public async Task A_share_link_shows_the_dossier_read_only_and_nothing_once_revoked_or_expired()
    {
        var (factory, fixture, dossierId) = await CreateAsync();
        await using var _ = factory;
        var owner = await OwnerAsync(factory, fixture);

        async Task<string> ShareAsync()
        {
            var form = await owner.GetStringAsync($"/Portfolio/Dossier/{dossierId}");
            var created = await owner.PostAsync($"/Portfolio/Dossier/{dossierId}?handler=Share", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["ExpiresInDays"] = "7",
                ["__RequestVerificationToken"] = ScholarWebFactory.AntiforgeryToken(form),
            }));
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
            var shown = await owner.GetStringAsync($"/Portfolio/Dossier/{dossierId}");
            return SharedLink().Match(shown).Groups[1].Value;
        }

        var revokedToken = await ShareAsync();
        var expiredToken = await ShareAsync();
        Assert.NotEqual(revokedToken, expiredToken);

        var guest = factory.Client();
        var shared = await guest.GetStringAsync($"/Portfolio/Shared/{revokedToken}");
        Assert.Contains("Promotion dossier of Ada", shared, StringComparison.Ordinal);
        Assert.Contains("be original", shared, StringComparison.Ordinal);
        Assert.DoesNotContain("Create link", shared, StringComparison.Ordinal);
        Assert.Contains("Promotion dossier of Ada", await guest.GetStringAsync($"/api/portfolio/shared/{expiredToken}"), StringComparison.Ordinal);

        long revokedId;
        await using (var db = factory.Store.NewDb())
        {
            var links = await db.DossierShareLinks.OrderBy(l => l.Id).ToListAsync();
            revokedId = links[0].Id;
            links[1].ExpiresAt = DateTime.UtcNow.AddMinutes(-1);
            await db.SaveChangesAsync();
        }

        var form = await owner.GetStringAsync($"/Portfolio/Dossier/{dossierId}");
        var revoke = await owner.PostAsync($"/Portfolio/Dossier/{dossierId}?handler=Revoke&linkId={revokedId}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = ScholarWebFactory.AntiforgeryToken(form),
        }));
        Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);

        foreach (var token in new[] { revokedToken, expiredToken })
        {
            foreach (var path in new[] { $"/Portfolio/Shared/{token}", $"/api/portfolio/shared/{token}", $"/api/portfolio/shared/{token}/pdf" })
            {
                var response = await guest.GetAsync(path);
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
                Assert.DoesNotContain("Promotion dossier of Ada", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    [Trait("Category", "Pdf")]
    public async Task The_pdf_holds_every_criterion_item_and_figure_of_the_json_export()
    {
        var (factory, fixture, dossierId) = await CreateAsync();
        await using var _ = factory;
        var analysisId = await PortfolioNetwork.AddWithPersonAsync(factory.Store, fixture.AdaId, PortfolioFixture.Day.AddDays(3));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PortfolioCommunities>().SetAsync(PortfolioViewer.CommandLine, fixture.AdaId, [$"{analysisId}:louvain:1"]);
        }

        var owner = await OwnerAsync(factory, fixture);

        var document = DossierJson.Deserialize(await owner.GetStringAsync($"/api/portfolio/dossiers/{dossierId}"))!;
        var pdfResponse = await owner.GetAsync($"/api/portfolio/dossiers/{dossierId}/pdf");
        Assert.Equal(HttpStatusCode.OK, pdfResponse.StatusCode);
        Assert.Equal("application/pdf", pdfResponse.Content.Headers.ContentType?.MediaType);
        var pdf = await pdfResponse.Content.ReadAsByteArrayAsync();
        var text = Normalise(await PdfTextAsync(pdf));
        // Tables come out column by column in reading order; the layout mode keeps each row on its line.
        var layout = Normalise(await PdfTextAsync(pdf, layout: true));

        Assert.Equal(6, document.Items.Count);
        Assert.Contains(document.Items, i => i.Kind == "network" && i.Link == $"/Network/Analysis/{analysisId}" && i.Figures.Any(f => f.Key == "pagerankRank"));
        Assert.Contains(document.Items, i => i.Kind == "network" && i.Figures.Any(f => f.Key == "betweennessCommunityRank:louvain:1"));
        Assert.Contains(document.Charts, c => c.Key == "rank");
        Assert.Equal(DossierCriteria.All.Count, document.Criteria.Count);
        Assert.Contains(Normalise(document.Title), text, StringComparison.Ordinal);
        Assert.Contains(Normalise($"data as of {document.DataAsOf:yyyy-MM-dd HH:mm} UTC"), text, StringComparison.Ordinal);
        Assert.Contains("My statement", text, StringComparison.Ordinal);
        Assert.Matches("Page 1 of [0-9]+", text);
        foreach (var criterion in document.Criteria)
        {
            Assert.Contains(Normalise($"{criterion.Group}: {criterion.Wording} \u2014 {criterion.Status}"), text, StringComparison.Ordinal);
            foreach (var evidence in criterion.Evidence)
            {
                Assert.Contains(Normalise($"{evidence.ItemTitle}: {evidence.Statement}"), text, StringComparison.Ordinal);
            }
        }

        foreach (var item in document.Items)
        {
            Assert.Contains(Normalise(item.Title), text, StringComparison.Ordinal);
            Assert.Contains(Normalise(item.Summary), text, StringComparison.Ordinal);
            foreach (var detail in item.Details)
            {
                Assert.Contains(Normalise($"{detail.Label}: {detail.Value}"), text, StringComparison.Ordinal);
            }

            foreach (var figure in item.Figures)
            {
                // The figure, its value, where it came from and when it was computed.
                var source = figure.Provenance;
                Assert.Contains(Normalise($"{figure.Label}: {figure.Display} (from {source.Source}: {source.Records}; computed {source.ComputedAt:yyyy-MM-dd HH:mm} UTC)"), text, StringComparison.Ordinal);
            }
        }

        foreach (var total in document.Totals)
        {
            Assert.Contains(Normalise($"{total.Label}: {total.Display}"), text, StringComparison.Ordinal);
        }

        foreach (var chart in document.Charts)
        {
            Assert.Contains(Normalise(chart.Title), text, StringComparison.Ordinal);
            Assert.Contains(Normalise($"Source: {chart.Provenance}."), text, StringComparison.Ordinal);
            for (var i = 0; i < chart.Labels.Count; i++)
            {
                // Each row of the chart's data table: its label, then each series' value (as laid out on the page).
                var row = string.Join(' ', new[] { chart.Labels[i] }.Concat(chart.Series.Select(s => s.Values[i] is { } v ? v.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) : "\u2013")));
                Assert.Contains(Normalise(row), layout, StringComparison.Ordinal);
            }
        }

        foreach (var source in document.Sources)
        {
            Assert.Contains(Normalise(source), text, StringComparison.Ordinal);
        }
    }

    [Fact]
    [Trait("Category", "Pdf")]
    public async Task The_pdf_summary_for_the_committee_fits_on_the_first_page_with_every_criterion_and_total()
    {
        var (factory, fixture, dossierId) = await CreateAsync();
        await using var _ = factory;
        await PortfolioNetwork.AddWithPersonAsync(factory.Store, fixture.AdaId, PortfolioFixture.Day.AddDays(3));
        var owner = await OwnerAsync(factory, fixture);

        var document = DossierJson.Deserialize(await owner.GetStringAsync($"/api/portfolio/dossiers/{dossierId}"))!;
        var pdf = await owner.GetByteArrayAsync($"/api/portfolio/dossiers/{dossierId}/pdf");
        var first = Normalise(await PdfTextAsync(pdf, 1));
        var second = Normalise(await PdfTextAsync(pdf, 2));

        Assert.Equal(DossierCriteria.All.Count, document.Summary.Count);
        Assert.Contains("Summary for the committee", first, StringComparison.Ordinal);
        foreach (var row in document.Summary)
        {
            // A wrapped cell interleaves with its neighbours in the extracted text; its first words stay together.
            Assert.Contains(string.Join(' ', row.Criterion.Split(' ').Take(2)), first, StringComparison.Ordinal);
        }

        Assert.Contains("Totals", first, StringComparison.Ordinal);
        foreach (var total in document.Totals)
        {
            Assert.Contains(Normalise($"{total.Label}: {total.Display}"), first, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Totals", second, StringComparison.Ordinal);
        Assert.DoesNotContain("Summary for the committee", second, StringComparison.Ordinal);
    }

    private static async Task<string> PdfTextAsync(byte[] pdf, int? page = null, bool layout = false)
    {
        var file = Path.Combine(Path.GetTempPath(), $"dossier-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            var start = new ProcessStartInfo("pdftotext") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            if (page is { } only)
            {
                start.ArgumentList.Add("-f");
                start.ArgumentList.Add(only.ToString(System.Globalization.CultureInfo.InvariantCulture));
                start.ArgumentList.Add("-l");
                start.ArgumentList.Add(only.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            if (layout)
            {
                start.ArgumentList.Add("-layout");
            }

            start.ArgumentList.Add("-enc");
            start.ArgumentList.Add("UTF-8");
            start.ArgumentList.Add(file);
            start.ArgumentList.Add("-");
            using var process = Process.Start(start) ?? throw new InvalidOperationException("pdftotext (Debian's poppler-utils, installed by scripts/test-services.sh) could not start.");
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.Equal(0, process.ExitCode);
            return output;
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string Normalise(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex("/Portfolio/Shared/([A-Za-z0-9_-]+)")]
    private static partial Regex SharedLink();
}
