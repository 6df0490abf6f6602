using SoMeScholar.Core.Resources;

namespace SoMeScholar.Core.Tests.Resources;

public class UrlNormalizerTests
{
    [Theory]
    [InlineData("https://example.org/post", "https://example.org/post")]
    [InlineData("HTTP://Example.ORG/post/", "https://example.org/post")]
    [InlineData("https://www.example.org:443/post#comments", "https://example.org/post")]
    [InlineData("http://example.org:80/", "https://example.org/")]
    [InlineData("https://example.org", "https://example.org/")]
    [InlineData("https://example.org:8443/a", "https://example.org:8443/a")]
    [InlineData("https://example.org/a?utm_source=x&b=2&utm_medium=y&a=1&fbclid=z", "https://example.org/a?a=1&b=2")]
    [InlineData("https://example.org/a?utm_campaign=only", "https://example.org/a")]
    [InlineData("  example.org/Case/Kept  ", "https://example.org/Case/Kept")]
    [InlineData("https://user:secret@example.org./x/../y", "https://example.org/y")]
    public void Normalises_scheme_host_port_path_tracking_parameters_and_fragment(string input, string expected)
    {
        Assert.Equal(expected, UrlNormalizer.Normalize(input));
    }

    [Theory]
    [InlineData("")]
    [InlineData("ftp://example.org/file")]
    [InlineData("javascript:alert(1)")]
    public void Refuses_what_is_not_an_http_address_with_a_reason(string input)
    {
        Assert.False(UrlNormalizer.TryNormalize(input, out _, out var error));
        Assert.NotEmpty(error);
    }
}
