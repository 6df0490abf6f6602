using System.Globalization;
using System.Text;
using SoMeScholar.Professionalism;

namespace SoMeScholar.Core.Hashtags;

/// <summary>What the rules need to know about an arriving post.</summary>
public sealed record WallCandidate(string AuthorExternalId, string? AuthorHandle, string Text, int MediaCount);

/// <summary>The rules' decision: the post's first status on the wall, why, and which rule decided.</summary>
public sealed record WallVerdict(WallPostStatus Status, string? Reason, string Rule);

/// <summary>
/// A wall's moderation rules, applied in this order to every arriving post (docs/hashtags.md):
/// 1. an account on the deny list is refused; 2. a denied word or phrase refuses the post, whoever wrote it;
/// 3. a post the professionalism check flags (a finding at its blocking severity) is held with the check's reasons,
/// whoever wrote it; 4. a post with images or other attachments is held for a person to look at them, unless its
/// author is trusted; 5. in hold-for-approval mode every other post waits for a moderator, unless its author is
/// trusted; 6. the rest is published.
/// </summary>
public sealed class WallRules
{
    private readonly HashSet<string> _denyWords;
    private readonly List<string> _denyPhrases;
    private readonly HashSet<string> _denyAccounts;
    private readonly HashSet<string> _allowAccounts;

    public WallRules(WallMode mode, bool checkProfessionalism, IEnumerable<WallListEntry> entries)
    {
        Mode = mode;
        CheckProfessionalism = checkProfessionalism;
        var list = entries.ToList();
        _denyWords = new HashSet<string>(list.Where(e => e.Kind == WallListKind.DenyWord).Select(e => Fold(e.Value)).Where(v => v.Length > 0), StringComparer.Ordinal);
        _denyPhrases = [.. list.Where(e => e.Kind == WallListKind.DenyPhrase).Select(e => Squash(Fold(e.Value))).Where(v => v.Length > 0)];
        _denyAccounts = new HashSet<string>(list.Where(e => e.Kind == WallListKind.DenyAccount).Select(e => AccountKey(e.Value)), StringComparer.Ordinal);
        _allowAccounts = new HashSet<string>(list.Where(e => e.Kind == WallListKind.AllowAccount).Select(e => AccountKey(e.Value)), StringComparer.Ordinal);
    }

    public WallMode Mode { get; }
    public bool CheckProfessionalism { get; }

    public WallVerdict Decide(WallCandidate post)
    {
        if (Matches(_denyAccounts, post))
        {
            return new WallVerdict(WallPostStatus.Denied, $"The account {post.AuthorHandle ?? post.AuthorExternalId} is on the deny list.", "deny-account");
        }

        var text = Fold(post.Text);
        foreach (var word in Words(text))
        {
            if (_denyWords.Contains(word))
            {
                return new WallVerdict(WallPostStatus.Denied, $"Contains the denied word \u201c{word}\u201d.", "deny-word");
            }
        }

        var squashed = Squash(text);
        foreach (var phrase in _denyPhrases)
        {
            if (ContainsPhrase(squashed, phrase))
            {
                return new WallVerdict(WallPostStatus.Denied, $"Contains the denied phrase \u201c{phrase}\u201d.", "deny-phrase");
            }
        }

        if (CheckProfessionalism)
        {
            var check = ProfessionalismChecker.Check(post.Text);
            if (check.IsBlocking)
            {
                var reasons = check.Findings.Where(f => f.Severity >= check.BlockingSeverity)
                    .Select(f => $"{FindingCategories.Label(f.Category)}{(f.Text.Length > 0 ? $" \u201c{f.Text}\u201d" : "")}: {f.Reason}")
                    .Distinct(StringComparer.Ordinal);
                return new WallVerdict(WallPostStatus.Pending, "Professionalism check: " + string.Join(" ", reasons), "professionalism");
            }
        }

        var trusted = Matches(_allowAccounts, post);
        if (post.MediaCount > 0 && !trusted)
        {
            return new WallVerdict(WallPostStatus.Pending,
                string.Create(CultureInfo.InvariantCulture, $"Has {post.MediaCount} image(s) or attachment(s): a person should look at them before they are shown (they can identify a patient)."),
                "media-review");
        }

        if (Mode == WallMode.HoldForApproval && !trusted)
        {
            return new WallVerdict(WallPostStatus.Pending, null, "hold-for-approval");
        }

        return new WallVerdict(WallPostStatus.Published, null, trusted ? "trusted-account" : "auto-publish");
    }

    /// <summary>Folds an account given as a handle (with or without '@'), DID or actor URI for matching.</summary>
    public static string AccountKey(string value) => value.Trim().TrimStart('@').ToLowerInvariant();

    private static bool Matches(HashSet<string> accounts, WallCandidate post) =>
        accounts.Count > 0
        && (accounts.Contains(AccountKey(post.AuthorExternalId)) || (post.AuthorHandle is { } handle && accounts.Contains(AccountKey(handle))));

    private static string Fold(string text) => text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();

    /// <summary>The phrase occurs with word boundaries on both sides ("buy now" is not in "buy nowadays").</summary>
    private static bool ContainsPhrase(string text, string phrase)
    {
        for (var at = text.IndexOf(phrase, StringComparison.Ordinal); at >= 0; at = text.IndexOf(phrase, at + 1, StringComparison.Ordinal))
        {
            var end = at + phrase.Length;
            if ((at == 0 || !char.IsLetterOrDigit(text[at - 1])) && (end == text.Length || !char.IsLetterOrDigit(text[end])))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Runs of white space become one space, so "bad  phrase" matches "bad phrase".</summary>
    private static string Squash(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>Whole words: runs of letters, digits, apostrophes and hyphens (a '#' or '@' in front is not part of the word).</summary>
    private static IEnumerable<string> Words(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '\'' or '\u2019' or '-');
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                yield return text[start..i].Trim('\'', '\u2019', '-');
                start = -1;
            }
        }
    }
}
