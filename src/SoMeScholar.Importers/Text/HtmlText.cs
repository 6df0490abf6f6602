using System.Net;
using System.Text;

namespace SoMeScholar.Importers.Text;

/// <summary>An anchor found in HTML: its address and its class and rel attributes (mention, hashtag, tag).</summary>
public readonly record struct HtmlAnchor(string Href, string? Class, string? Rel)
{
    /// <summary>A mention or hashtag link Mastodon writes into content, rather than a link the author shared.</summary>
    public bool IsMentionOrHashtag =>
        Contains(Class, "mention") || Contains(Class, "hashtag") || Contains(Rel, "tag") || Contains(Class, "u-url");

    private static bool Contains(string? list, string word)
    {
        if (list is null)
        {
            return false;
        }

        foreach (var part in list.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.Equals(word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// Turns the sanitised HTML of Mastodon content (and ActivityPub notes) into plain text: <c>&lt;br&gt;</c> becomes a
/// line break, paragraphs are separated by a blank line, tags are dropped, entities decoded (the hidden parts of
/// shortened links are kept, so links read in full). Collects the anchors on the way. Not a general HTML parser:
/// the input is the small, sanitised subset Mastodon emits; anything else degrades to its text.
/// </summary>
public static class HtmlText
{
    public static string ToPlainText(string? html) => ToPlainText(html, null);

    public static string ToPlainText(string? html, List<HtmlAnchor>? anchors)
    {
        if (string.IsNullOrEmpty(html))
        {
            return "";
        }

        if (html.IndexOf('<', StringComparison.Ordinal) < 0 && html.IndexOf('&', StringComparison.Ordinal) < 0)
        {
            return html;
        }

        var text = new StringBuilder(html.Length);
        var pending = new StringBuilder();
        var paragraphs = 0;
        var i = 0;
        while (i < html.Length)
        {
            var c = html[i];
            if (c != '<')
            {
                var next = html.IndexOf('<', i);
                if (next < 0)
                {
                    next = html.Length;
                }

                pending.Append(html, i, next - i);
                i = next;
                continue;
            }

            var close = html.IndexOf('>', i + 1);
            if (close < 0)
            {
                pending.Append(html, i, html.Length - i);
                break;
            }

            Flush(text, pending);
            var tag = html.AsSpan(i + 1, close - i - 1);
            i = close + 1;
            var isEnd = tag.Length > 0 && tag[0] == '/';
            var name = TagName(isEnd ? tag[1..] : tag);
            if (name.Equals("br", StringComparison.OrdinalIgnoreCase))
            {
                text.Append('\n');
            }
            else if (name.Equals("p", StringComparison.OrdinalIgnoreCase))
            {
                if (!isEnd && paragraphs++ > 0)
                {
                    TrimTrailingSpaces(text);
                    text.Append("\n\n");
                }
            }
            else if (!isEnd && name.Equals("a", StringComparison.OrdinalIgnoreCase) && anchors is not null)
            {
                var href = Attribute(tag, "href");
                if (!string.IsNullOrEmpty(href))
                {
                    anchors.Add(new HtmlAnchor(WebUtility.HtmlDecode(href), Attribute(tag, "class"), Attribute(tag, "rel")));
                }
            }
            else if (!isEnd && (name.Equals("li", StringComparison.OrdinalIgnoreCase) || name.Equals("blockquote", StringComparison.OrdinalIgnoreCase)) && text.Length > 0)
            {
                text.Append('\n');
            }
        }

        Flush(text, pending);
        return text.ToString().Trim();
    }

    private static void Flush(StringBuilder text, StringBuilder pending)
    {
        if (pending.Length > 0)
        {
            text.Append(WebUtility.HtmlDecode(pending.ToString()));
            pending.Clear();
        }
    }

    private static void TrimTrailingSpaces(StringBuilder text)
    {
        while (text.Length > 0 && text[^1] == ' ')
        {
            text.Length--;
        }
    }

    private static ReadOnlySpan<char> TagName(ReadOnlySpan<char> tag)
    {
        var end = 0;
        while (end < tag.Length && (char.IsAsciiLetterOrDigit(tag[end]) || tag[end] == '-'))
        {
            end++;
        }

        return tag[..end];
    }

    /// <summary>An attribute's value in a start tag (double, single or unquoted).</summary>
    private static string? Attribute(ReadOnlySpan<char> tag, string name)
    {
        var index = 0;
        while (true)
        {
            var found = tag[index..].IndexOf(name, StringComparison.OrdinalIgnoreCase);
            if (found < 0)
            {
                return null;
            }

            var at = index + found;
            var after = at + name.Length;
            index = after;
            if (at > 0 && !char.IsWhiteSpace(tag[at - 1]))
            {
                continue;
            }

            while (after < tag.Length && tag[after] == ' ')
            {
                after++;
            }

            if (after >= tag.Length || tag[after] != '=')
            {
                continue;
            }

            after++;
            while (after < tag.Length && tag[after] == ' ')
            {
                after++;
            }

            if (after >= tag.Length)
            {
                return "";
            }

            var quote = tag[after];
            if (quote is '"' or '\'')
            {
                var end = tag[(after + 1)..].IndexOf(quote);
                return end < 0 ? tag[(after + 1)..].ToString() : tag.Slice(after + 1, end).ToString();
            }

            var stop = after;
            while (stop < tag.Length && !char.IsWhiteSpace(tag[stop]) && tag[stop] != '/')
            {
                stop++;
            }

            return tag[after..stop].ToString();
        }
    }
}
