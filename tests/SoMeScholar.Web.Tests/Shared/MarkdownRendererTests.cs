using AngleSharp.Html.Parser;
using SoMeScholar.Web.Shared;

namespace SoMeScholar.Web.Tests.Shared;

public class MarkdownRendererTests
{
    [Fact]
    public void Renders_ordinary_Markdown()
    {
        var html = MarkdownRenderer.Render("**Bold** and a [link](https://example.org/x).\n\n- one\n- two");

        Assert.Contains("<strong>Bold</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://example.org/x\" rel=\"nofollow noopener noreferrer ugc\">link</a>", html, StringComparison.Ordinal);
        Assert.Contains("<li>two</li>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](JaVaScRiPt:alert(1))")]
    [InlineData("[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("<svg onload=alert(1)>")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>")]
    [InlineData("![x](javascript:alert(1))")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>")]
    [InlineData("[x](vbscript:msgbox(1))")]
    public void Removes_script_event_handlers_and_dangerous_urls(string payload)
    {
        var html = MarkdownRenderer.Render(payload);

        // Judge the output as a browser would: parse it and look at the elements and attributes it would create.
        var document = new HtmlParser().ParseDocument("<body>" + html + "</body>");
        var elements = document.Body!.QuerySelectorAll("*");
        Assert.DoesNotContain(elements, e => e.LocalName is "script" or "iframe" or "img" or "svg" or "object" or "embed");
        Assert.DoesNotContain(elements.SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase) || a.Name == "style");
        Assert.All(elements.Where(e => e.HasAttribute("href")), e => Assert.Matches("^(https?:|mailto:|/[^/]|#)", e.GetAttribute("href")!));
    }

    [Fact]
    public void Raw_HTML_is_shown_as_text_not_markup()
    {
        var html = MarkdownRenderer.Render("<b>not bold</b>");

        Assert.Contains("&lt;b&gt;not bold&lt;/b&gt;", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://example.org", true)]
    [InlineData("mailto:a@example.org", true)]
    [InlineData("/Resources/12", true)]
    [InlineData("#notes", true)]
    [InlineData("//evil.example/x", false)]
    [InlineData("java\tscript:alert(1)", false)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("data:image/png;base64,AAAA", false)]
    public void Allows_only_web_mail_and_same_site_links(string url, bool safe) => Assert.Equal(safe, MarkdownRenderer.IsSafeUrl(url));
}
