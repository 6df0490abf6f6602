using System.Text;

namespace SoMeScholar.Core.Mentors.Recommendation;

/// <summary>
/// Turns post text, hashtags, links and stated topics into the terms the interest index counts. Deterministic and
/// culture-independent, so a mentor's posts and a trainee's request meet on the same terms.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Words: letters and digits, lower-cased (invariant), at least two characters, not only digits, not an English
/// stop word; a light plural rule folds "ultrasounds" to "ultrasound" and "therapies" to "therapy".</item>
/// <item>Hashtags give two terms: <c>#tag</c> (the hashtag itself, case-folded as the archive folds it) and the word
/// <c>tag</c>, so a trainee who types "POCUS" as a topic meets mentors who post #POCUS.</item>
/// <item>Links give the words of their path (a blog post's slug names its subject); the host and query are dropped.</item>
/// <item>@mentions are dropped: they name people, not subjects. HTML tags (Mastodon content) are skipped.</item>
/// </list>
/// </remarks>
public static class TermAnalyzer
{
    public const char HashtagPrefix = '#';

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be",
        "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do", "does",
        "doing", "down", "during", "each", "even", "every", "few", "for", "from", "further", "get", "got", "had", "has", "have",
        "having", "he", "her", "here", "hers", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "just", "let",
        "like", "me", "more", "most", "much", "my", "no", "nor", "not", "now", "of", "off", "on", "once", "one", "only", "or",
        "other", "our", "ours", "out", "over", "own", "same", "she", "should", "so", "some", "such", "than", "that", "the",
        "their", "theirs", "them", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until",
        "up", "us", "very", "via", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will",
        "with", "would", "you", "your", "yours", "www", "http", "https", "com", "org", "html", "amp", "rt", "cc",
    };

    /// <summary>The terms of a post or free text: words, hashtags (as #tag and tag), link path words; mentions dropped.</summary>
    public static List<string> Terms(string? text)
    {
        var terms = new List<string>();
        AddTerms(text, terms);
        return terms;
    }

    public static void AddTerms(string? text, List<string> into)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        var plain = text.Contains('<', StringComparison.Ordinal) ? StripTags(text) : text;
        foreach (var token in plain.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (token.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || token.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            {
                AddLinkTerms(token, into);
            }
            else if (token[0] == '@')
            {
                continue;
            }
            else if (token[0] is '#' or '＃')
            {
                AddHashtag(token, into);
            }
            else
            {
                AddWords(token, into);
            }
        }
    }

    /// <summary>A hashtag as a term: "#" and the tag folded as the archive folds it ("#POCUS" → "#pocus"), and the tag as a word.</summary>
    public static void AddHashtag(string tag, List<string> into)
    {
        var folded = FoldTag(tag);
        if (folded.Length == 0)
        {
            return;
        }

        into.Add(HashtagPrefix + folded);
        AddWords(folded, into);
    }

    /// <summary>The words of a link's path: https://site.example/2026/sepsis-bundles → "sepsis", "bundle".</summary>
    public static void AddLinkTerms(string url, List<string> into)
    {
        if (!Uri.TryCreate(url.TrimEnd('.', ',', ')', ';'), UriKind.Absolute, out var uri))
        {
            return;
        }

        AddWords(Uri.UnescapeDataString(uri.AbsolutePath), into);
    }

    /// <summary>The words of a stated topic ("Point-of-care ultrasound" → "point", "care", "ultrasound"); a topic written as #tag is a hashtag.</summary>
    public static void AddTopic(string topic, List<string> into)
    {
        var trimmed = topic.Trim();
        if (trimmed.Length > 1 && trimmed[0] is '#' or '＃' && !trimmed.Contains(' ', StringComparison.Ordinal))
        {
            AddHashtag(trimmed, into);
        }
        else
        {
            AddTerms(trimmed, into);
        }
    }

    /// <summary>Case-folds a hashtag without its '#' and keeps letters, digits and underscores ("#POCUS," → "pocus").</summary>
    public static string FoldTag(string tag)
    {
        var text = new StringBuilder(tag.Length);
        foreach (var c in tag.AsSpan().Trim().TrimStart("#＃"))
        {
            if (char.IsLetterOrDigit(c) || c == '_')
            {
                text.Append(char.ToLowerInvariant(c));
            }
            else
            {
                break;
            }
        }

        return text.ToString();
    }

    public static bool IsHashtag(string term) => term.Length > 1 && term[0] == HashtagPrefix;

    private static void AddWords(string token, List<string> into)
    {
        var start = -1;
        for (var i = 0; i <= token.Length; i++)
        {
            var inWord = i < token.Length && char.IsLetterOrDigit(token[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                if (Word(token.AsSpan(start, i - start)) is { } word)
                {
                    into.Add(word);
                }

                start = -1;
            }
        }
    }

    /// <summary>A normalised word, or null for stop words, single letters and numbers.</summary>
    public static string? Word(ReadOnlySpan<char> raw)
    {
        if (raw.Length < 2)
        {
            return null;
        }

        Span<char> lower = raw.Length <= 128 ? stackalloc char[raw.Length] : new char[raw.Length];
        var letters = false;
        for (var i = 0; i < raw.Length; i++)
        {
            lower[i] = char.ToLowerInvariant(raw[i]);
            letters |= char.IsLetter(lower[i]);
        }

        if (!letters)
        {
            return null;
        }

        var word = Stem(lower);
        return StopWords.Contains(word) ? null : word;
    }

    private static string Stem(ReadOnlySpan<char> word)
    {
        if (word.Length > 4 && word.EndsWith("ies"))
        {
            return string.Concat(word[..^3], "y");
        }

        if (word.Length > 3 && word[^1] == 's' && word[^2] is not ('s' or 'u' or 'i'))
        {
            return new string(word[..^1]);
        }

        return new string(word);
    }

    private static string StripTags(string html)
    {
        var text = new StringBuilder(html.Length);
        var inTag = false;
        foreach (var c in html)
        {
            if (c == '<')
            {
                inTag = true;
                text.Append(' ');
            }
            else if (c == '>')
            {
                inTag = false;
            }
            else if (!inTag)
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }
}
