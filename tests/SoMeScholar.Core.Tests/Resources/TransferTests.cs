using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Resources;
using SoMeScholar.Testing;
using static SoMeScholar.Core.Tests.Resources.ResourceFixtures;

namespace SoMeScholar.Core.Tests.Resources;

public class TransferTests
{
    private const string Csv = """
        url,type,title,publisher,specialty,publishedAt,licence,topics,authors
        https://foam.example/sepsis?utm_source=x,blog,Sepsis bundles,FOAM Example,Emergency Medicine,2025-03-01,CC BY 4.0,sepsis; resuscitation,@ana-author; B. Writer
        https://pod.example/ep-12,podcast,"Episode 12: airway, again",Pod Example,Critical Care,,CC BY-NC 4.0,airway management,C. Host
        """;

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Importing_the_same_file_twice_adds_nothing_the_second_time(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var ana = await PersonAsync(store, "Ana Author");
        await using var scope = store.Scope();
        var transfer = scope.ServiceProvider.GetRequiredService<RegistryTransfer>();

        var first = await transfer.ImportCsvAsync(new StringReader(Csv));
        var second = await transfer.ImportCsvAsync(new StringReader(Csv));
        var changed = await transfer.ImportCsvAsync(new StringReader(Csv.Replace("Sepsis bundles", "Sepsis bundles revised", StringComparison.Ordinal)));

        Assert.Equal((2, 0, 0), (first.Added, first.Updated, first.Unchanged));
        Assert.Empty(first.Errors);
        Assert.Equal((0, 0, 2), (second.Added, second.Updated, second.Unchanged));
        Assert.Equal((0, 1, 1), (changed.Added, changed.Updated, changed.Unchanged));
        await using var db = store.NewDb();
        Assert.Equal(2, await db.Resources.CountAsync());
        var sepsis = await db.Resources.Include(r => r.Authors).Include(r => r.Versions).SingleAsync(r => r.NormalizedUrl == "https://foam.example/sepsis");
        Assert.Equal(ana, sepsis.Authors.Single(a => a.Position == 0).PersonId);
        Assert.Equal("B. Writer", sepsis.Authors.Single(a => a.Position == 1).Name);
        Assert.Equal("Sepsis bundles revised", sepsis.Title);
        Assert.Single(sepsis.Versions);
    }

    [Fact]
    public async Task A_bad_record_is_reported_with_its_line_and_field_and_the_others_are_imported()
    {
        await using var store = await TestStore.CreateAsync(DatabaseProvider.Sqlite);
        await using var scope = store.Scope();
        var transfer = scope.ServiceProvider.GetRequiredService<RegistryTransfer>();
        const string csv = """
            url,type,title,publishedAt
            https://ok.example/a,video,Fine,2024-01-02
            ftp://bad.example/b,video,Bad address,
            https://ok.example/c,lecture,Unknown type,
            https://ok.example/d,slides,Bad date,yesterday
            https://ok.example/e,slides,,
            """;

        var result = await transfer.ImportCsvAsync(new StringReader(csv));

        Assert.Equal(1, result.Added);
        Assert.Equal(
            [(3, "url"), (4, "type"), (5, "publishedAt"), (6, "title")],
            result.Errors.Select(e => (e.Line, e.Field)));
        Assert.Contains("only http and https", result.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_column_is_refused_before_anything_is_imported()
    {
        await using var store = await TestStore.CreateAsync(DatabaseProvider.Sqlite);
        await using var scope = store.Scope();

        var result = await scope.ServiceProvider.GetRequiredService<RegistryTransfer>().ImportCsvAsync(new StringReader("url,colour\nhttps://a.example/,red\n"));

        Assert.Equal(0, result.Added);
        Assert.Equal((1, "header"), (result.Errors.Single().Line, result.Errors.Single().Field));
    }

    [Fact]
    public async Task An_export_imports_back_unchanged_as_CSV_and_as_JSON()
    {
        await using var store = await TestStore.CreateAsync(DatabaseProvider.Sqlite);
        await PersonAsync(store, "Ana Author");
        await using var scope = store.Scope();
        var transfer = scope.ServiceProvider.GetRequiredService<RegistryTransfer>();
        await transfer.ImportCsvAsync(new StringReader(Csv));

        var exported = await transfer.ExportAsync();
        var csv = new StringWriter();
        RegistryTransfer.WriteCsv(csv, exported);
        var fromCsv = await transfer.ImportCsvAsync(new StringReader(csv.ToString()));
        var fromJson = await transfer.ImportJsonAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(RegistryTransfer.ToJson(exported))));

        Assert.Equal((0, 0, 2), (fromCsv.Added, fromCsv.Updated, fromCsv.Unchanged));
        Assert.Equal((0, 0, 2), (fromJson.Added, fromJson.Updated, fromJson.Unchanged));
        Assert.Contains("@ana-author", exported[0].Authors, StringComparison.Ordinal);
    }
}
