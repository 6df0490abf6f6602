using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace SoMeScholar.Web.Tests.Shared;

/// <summary>Judges a rendered page by parsing it: what would run script, load active content, restyle or impersonate the page.</summary>
public static class HtmlSafety
{
    /// <summary>Containers that hold user-written rich text; inside them only the sanitiser's allow-list may appear.</summary>
    private const string UserContent = "[data-testid=comment-body], [data-testid=thread-body], [data-testid=member-about], .comment-body";

    private static readonly HashSet<string> AllowedInUserContent = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "br", "strong", "em", "del", "s", "sub", "sup", "code", "pre", "blockquote", "ul", "ol", "li", "a",
        "h1", "h2", "h3", "h4", "h5", "h6", "hr", "table", "thead", "tbody", "tr", "th", "td", "span",
    };

    private static readonly HashSet<string> NeverAllowed = new(StringComparer.OrdinalIgnoreCase)
    {
        "iframe", "object", "embed", "svg", "math", "base", "applet", "frame", "frameset", "style", "template", "img", "video", "audio",
        "source", "xmp", "plaintext", "listing", "isindex", "keygen", "marquee", "foreignobject",
    };

    private static readonly string[] UrlAttributes = ["href", "src", "action", "formaction", "xlink:href", "data", "background", "poster", "lowsrc", "dynsrc", "srcset", "ping", "cite"];

    public static IReadOnlyList<string> Violations(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        var found = new List<string>();
        foreach (var element in document.All)
        {
            var name = element.LocalName;
            if (name == "script")
            {
                var src = element.GetAttribute("src") ?? "";
                if (!(src.StartsWith("/lib/", StringComparison.Ordinal) || src.StartsWith("/js/", StringComparison.Ordinal)) || element.TextContent.Trim().Length > 0)
                {
                    found.Add("script: " + Outer(element));
                }
            }
            else if (NeverAllowed.Contains(name))
            {
                found.Add("element: " + Outer(element));
            }
            else if (name == "meta" && element.GetAttribute("charset") is null && element.GetAttribute("name") != "viewport")
            {
                found.Add("meta: " + Outer(element));
            }
            else if (name == "link" && !(element.GetAttribute("rel") == "stylesheet" && (element.GetAttribute("href") ?? "").StartsWith("/css/", StringComparison.Ordinal)))
            {
                found.Add("link: " + Outer(element));
            }

            foreach (var attribute in element.Attributes)
            {
                var attributeName = attribute.Name.ToLowerInvariant();
                if (attributeName.StartsWith("on", StringComparison.Ordinal))
                {
                    found.Add("event handler: " + Outer(element));
                }
                else if (attributeName is "style" or "srcdoc" or "formaction")
                {
                    found.Add($"{attributeName}: " + Outer(element));
                }
                else if (UrlAttributes.Contains(attributeName) && IsScriptUrl(attribute.Value))
                {
                    found.Add("script URL: " + Outer(element));
                }
            }
        }

        foreach (var container in document.QuerySelectorAll(UserContent))
        {
            foreach (var element in container.QuerySelectorAll("*"))
            {
                if (!AllowedInUserContent.Contains(element.LocalName))
                {
                    found.Add("not allowed in user content: " + Outer(element));
                }

                if (element.LocalName == "a" && element.GetAttribute("href") is { } href && (href.StartsWith("//", StringComparison.Ordinal) || href.StartsWith("/\\", StringComparison.Ordinal) || href.Contains('\\', StringComparison.Ordinal)))
                {
                    found.Add("protocol-relative link in user content: " + Outer(element));
                }

                if (element.Id is { Length: > 0 } || element.ClassName is { Length: > 0 } && element.LocalName != "code")
                {
                    found.Add("id or class in user content: " + Outer(element));
                }
            }
        }

        return found;
    }

    /// <summary>javascript:, vbscript: or data: once whitespace and control characters (which browsers ignore in a scheme) are removed.</summary>
    public static bool IsScriptUrl(string value)
    {
        var compact = new string(value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray()).ToLowerInvariant();
        return compact.StartsWith("javascript:", StringComparison.Ordinal) || compact.StartsWith("vbscript:", StringComparison.Ordinal) || compact.StartsWith("data:", StringComparison.Ordinal);
    }

    private static string Outer(IElement element) => element.OuterHtml.Length > 160 ? element.OuterHtml[..160] : element.OuterHtml;
}
