using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Markdig;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace SoMeScholar.Web.Shared;

/// <summary>
/// The one way user-written text becomes HTML: Markdown with raw HTML disabled, then an allow-list sanitiser over the
/// result (tags, attributes and URL schemes), so neither Markdown tricks nor markup can inject script, event
/// handlers, styles or javascript:/data: links. Everything user-written that is rendered as rich text goes through
/// <see cref="Render"/>; plain text is rendered by Razor's encoder.
/// </summary>
public static class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UseSoftlineBreakAsHardlineBreak()
        .Build();

    private static readonly HashSet<string> AllowedTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "br", "strong", "em", "del", "s", "sub", "sup", "code", "pre", "blockquote", "ul", "ol", "li", "a",
        "h1", "h2", "h3", "h4", "h5", "h6", "hr", "table", "thead", "tbody", "tr", "th", "td", "span",
    };

    /// <summary>Elements removed with their content (everything else not allowed is unwrapped, keeping its text).</summary>
    private static readonly HashSet<string> DroppedTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "iframe", "object", "embed", "svg", "math", "template", "noscript", "frame", "frameset",
        "form", "input", "button", "textarea", "select", "link", "meta", "base", "applet", "audio", "video", "img",
    };

    private static readonly string[] AllowedSchemes = ["http", "https", "mailto"];

    public static string Render(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return "";
        }

        return Sanitize(Markdig.Markdown.ToHtml(markdown, Pipeline));
    }

    /// <summary>Allow-list sanitiser for an HTML fragment.</summary>
    public static string Sanitize(string html)
    {
        var parser = new HtmlParser();
        var document = parser.ParseDocument("<body></body>");
        var body = document.Body!;
        var nodes = parser.ParseFragment(html, body);
        foreach (var node in nodes.ToArray())
        {
            body.AppendChild(node);
        }

        Clean(body);
        return body.InnerHtml;
    }

    private static void Clean(IElement parent)
    {
        foreach (var child in parent.ChildNodes.ToArray())
        {
            switch (child)
            {
                case IElement element when DroppedTags.Contains(element.LocalName):
                    element.Remove();
                    break;
                case IElement element when !AllowedTags.Contains(element.LocalName):
                    Clean(element);
                    foreach (var grandChild in element.ChildNodes.ToArray())
                    {
                        parent.InsertBefore(grandChild, element);
                    }

                    element.Remove();
                    break;
                case IElement element:
                    CleanAttributes(element);
                    Clean(element);
                    break;
                case IComment comment:
                    comment.Remove();
                    break;
                default:
                    break;
            }
        }
    }

    private static void CleanAttributes(IElement element)
    {
        foreach (var attribute in element.Attributes.ToArray())
        {
            var keep = (element.LocalName, attribute.LocalName) switch
            {
                ("a", "href") => IsSafeUrl(attribute.Value),
                ("a", "title") => true,
                ("code", "class") => attribute.Value.StartsWith("language-", StringComparison.Ordinal) && attribute.Value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'),
                ("th" or "td", "align") => attribute.Value is "left" or "right" or "center",
                _ => false,
            };
            if (!keep)
            {
                element.RemoveAttribute(attribute.Name);
            }
        }

        if (element.LocalName == "a")
        {
            element.SetAttribute("rel", "nofollow noopener noreferrer ugc");
        }
    }

    /// <summary>http(s), mailto, or a same-site path/fragment; control characters and whitespace inside a scheme are refused.</summary>
    public static bool IsSafeUrl(string url)
    {
        var trimmed = url.Trim();
        if (trimmed.Length == 0 || trimmed.Any(char.IsControl) || trimmed.StartsWith("//", StringComparison.Ordinal) || trimmed.StartsWith("/\\", StringComparison.Ordinal))
        {
            // Control characters can hide a scheme; "//host" is another site.
            return false;
        }

        if (trimmed.StartsWith('#') || (trimmed.StartsWith('/') && !trimmed.StartsWith("//", StringComparison.Ordinal) && !trimmed.StartsWith("/\\", StringComparison.Ordinal)))
        {
            return true;
        }

        var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            // No scheme: a relative path such as "page" or "./x". Refuse anything that could hide a scheme.
            return !trimmed.Contains('\\', StringComparison.Ordinal);
        }

        var scheme = trimmed[..colon];
        return AllowedSchemes.Contains(scheme, StringComparer.OrdinalIgnoreCase) && Uri.TryCreate(trimmed, UriKind.Absolute, out _);
    }

    /// <summary>Razor helper: <c>@Html.Markdown(model.Text)</c>.</summary>
    public static IHtmlContent Markdown(this IHtmlHelper html, string? markdown) => new HtmlString(Render(markdown));
}
