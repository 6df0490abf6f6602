using SoMeScholar.Importers.Bluesky;
using SoMeScholar.Importers.Text;
using SoMeScholar.Testing;

namespace SoMeScholar.Importers.Tests.Bluesky;

/// <summary>The official AT Protocol interop syntax vectors, one value per line; '#' starts a comment line.</summary>
public class AtSyntaxTests
{
    public static TheoryData<string, bool> Cases(string name)
    {
        var data = new TheoryData<string, bool>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (file, valid) in new[] { ($"{name}_syntax_valid.txt", true), ($"{name}_syntax_invalid.txt", false) })
        {
            foreach (var line in Lines(file))
            {
                // Some vector files list a value twice.
                if (seen.Add(line))
                {
                    data.Add(line, valid);
                }
            }
        }

        return data;
    }

    private static IEnumerable<string> Lines(string file)
    {
        // Values are taken exactly as written: trailing spaces are part of some invalid vectors.
        foreach (var line in File.ReadAllText(SharedFiles.Fixture("bluesky/syntax/" + file)).Split('\n'))
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                yield return line;
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases), "did")]
    public void Did(string value, bool valid) => Assert.Equal(valid, AtSyntax.IsValidDid(value));

    [Theory]
    [MemberData(nameof(Cases), "handle")]
    public void Handle(string value, bool valid) => Assert.Equal(valid, AtSyntax.IsValidHandle(value));

    [Theory]
    [MemberData(nameof(Cases), "nsid")]
    public void Nsid(string value, bool valid) => Assert.Equal(valid, AtSyntax.IsValidNsid(value));

    [Theory]
    [MemberData(nameof(Cases), "recordkey")]
    public void Record_key(string value, bool valid) => Assert.Equal(valid, AtSyntax.IsValidRecordKey(value));

    [Theory]
    [MemberData(nameof(Cases), "tid")]
    public void Tid(string value, bool valid) => Assert.Equal(valid, AtSyntax.IsValidTid(value));

    [Theory]
    [MemberData(nameof(Cases), "aturi")]
    public void At_uri(string value, bool valid) => Assert.Equal(valid, AtSyntax.IsValidAtUri(value));

    [Theory]
    [MemberData(nameof(Cases), "atidentifier")]
    public void At_identifier(string value, bool valid) => Assert.Equal(valid, AtSyntax.IsValidAtIdentifier(value));

    [Theory]
    [MemberData(nameof(Cases), "datetime")]
    public void Datetime(string value, bool valid) => Assert.Equal(valid, AtSyntax.IsValidDatetime(value));

    [Theory]
    [MemberData(nameof(Cases), "language")]
    public void Language(string value, bool valid) => Assert.Equal(valid, AtSyntax.IsValidLanguage(value));

    [Fact]
    public void Datetimes_with_impossible_calendar_values_do_not_parse()
    {
        var values = Lines("datetime_parse_invalid.txt").ToList();
        Assert.NotEmpty(values);
        Assert.All(values, v => Assert.False(Timestamps.TryParseAtProtocol(v.AsSpan(), out _), v));
    }

    [Fact]
    public void Datetimes_parse_to_UTC_with_offsets_applied_and_fractions_kept_to_100ns()
    {
        Assert.True(Timestamps.TryParseAtProtocol("1985-04-12T23:20:50.123-07:00".AsSpan(), out var west));
        Assert.Equal(new DateTime(1985, 4, 13, 6, 20, 50, 123, DateTimeKind.Utc), west);
        Assert.True(Timestamps.TryParseAtProtocol("1985-04-12T23:20:50.1234567891Z".AsSpan(), out var fine));
        Assert.Equal(new DateTime(1985, 4, 12, 23, 20, 50, DateTimeKind.Utc).AddTicks(1234567), fine);
        Assert.Equal(DateTimeKind.Utc, fine.Kind);
    }

    [Fact]
    public void An_AT_URI_splits_into_authority_collection_and_record_key()
    {
        Assert.True(AtSyntax.TryParseAtUri("at://did:plc:abc/app.bsky.feed.post/3jzfcijpj2z2a", out var uri));
        Assert.Equal(new AtUri("did:plc:abc", "app.bsky.feed.post", "3jzfcijpj2z2a"), uri);
        Assert.Equal("at://did:plc:abc/app.bsky.feed.post/3jzfcijpj2z2a", uri.ToString());
        Assert.True(AtSyntax.TryParseAtUri("at://alice.test", out var bare));
        Assert.Null(bare.Collection);
        Assert.Equal("did:plc:abc", AtSyntax.AuthorityOf("at://did:plc:abc/app.bsky.feed.post/3jzfcijpj2z2a"));
        Assert.Null(AtSyntax.AuthorityOf("https://bsky.app/"));
    }
}
