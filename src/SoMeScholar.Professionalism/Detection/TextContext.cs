using System.Text.RegularExpressions;

namespace SoMeScholar.Professionalism.Detection;

/// <summary>
/// What every detector needs to know about the text, computed once: its words, where sentences start, and where
/// the case-story cues, sources and disclosures are. "Near" means within <see cref="Window"/> characters, so a
/// 10,000-word transcript is judged passage by passage rather than as one story.
/// </summary>
internal sealed partial class TextContext
{
    /// <summary>How far (in characters, either side) a cue reaches.</summary>
    public const int Window = 300;

    private readonly int[] _caseCues;
    private readonly int[] _sources;
    private readonly int[] _disclosures;
    private readonly HashSet<string> _allowed;
    private readonly HashSet<string> _denied;

    public TextContext(string text, CheckOptions options, Lexicon lexicon)
    {
        Text = text;
        Options = options;
        Settings = options.Settings ?? ProfessionalismSettings.Default;
        Lexicon = lexicon;
        Tokens = Tokenise(text);
        _caseCues = Positions(CaseCue(), text);
        _sources = Positions(Source(), text);
        _disclosures = Positions(Disclosure(), text);
        // Copies with a case-insensitive comparer, whatever comparer a deserialised settings object came with.
        _allowed = new HashSet<string>(Settings.AllowedTerms, StringComparer.OrdinalIgnoreCase);
        _denied = new HashSet<string>(Settings.DeniedTerms, StringComparer.OrdinalIgnoreCase);
        KnownNames = options.KnownNames
            .SelectMany(n => n.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    public string Text { get; }

    public CheckOptions Options { get; }

    public ProfessionalismSettings Settings { get; }

    public Lexicon Lexicon { get; }

    public IReadOnlyList<Token> Tokens { get; }

    public HashSet<string> KnownNames { get; }

    /// <summary>True when a case-story cue (patient, admitted, year-old, bed 4, Mrs ...) is near the position.</summary>
    public bool InCaseStory(int position) => Options.FlagIdentifiersOutsideCaseStories || Near(_caseCues, position, Window);

    public bool HasSourceNear(int position) => Near(_sources, position, 2 * Window);

    public bool HasDisclosureNear(int position) => Near(_disclosures, position, 2 * Window);

    public bool IsAllowed(string phrase) => _allowed.Contains(phrase);

    public bool IsDenied(string phrase) => _denied.Contains(phrase);

    /// <summary>The index of the first token starting at or after the position.</summary>
    public int TokenAt(int position)
    {
        int low = 0, high = Tokens.Count;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (Tokens[mid].Start < position)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    private static bool Near(int[] positions, int position, int window)
    {
        var index = Array.BinarySearch(positions, position);
        if (index >= 0)
        {
            return true;
        }

        index = ~index;
        return (index < positions.Length && positions[index] - position <= window)
            || (index > 0 && position - positions[index - 1] <= window);
    }

    private static int[] Positions(Regex regex, string text)
    {
        var positions = new List<int>();
        foreach (var match in regex.EnumerateMatches(text))
        {
            positions.Add(match.Index);
        }

        return [.. positions];
    }

    private static List<Token> Tokenise(string text)
    {
        var tokens = new List<Token>();
        foreach (var match in Word().EnumerateMatches(text))
        {
            tokens.Add(new Token(match.Index, match.Length, text.Substring(match.Index, match.Length), IsSentenceStart(text, match.Index)));
        }

        return tokens;
    }

    private static bool IsSentenceStart(string text, int start)
    {
        for (var i = start - 1; i >= 0; i--)
        {
            var c = text[i];
            if (c is ' ' or '\t' or '"' or '“' or '\'' or '‘' or '(' or '[' or '*' or '_')
            {
                continue;
            }

            // A hashtag or handle is not a sentence boundary but the word is not prose either; the emoji and
            // other symbols that open posts count as boundaries.
            return c is '.' or '!' or '?' or ':' or ';' or '\n' or '\r' or '•' or '-' or '—' or '–' or '|'
                || char.IsSurrogate(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.OtherSymbol;
        }

        return true;
    }

    [GeneratedRegex(@"\p{L}[\p{L}\p{M}]*(?:['’\-]\p{L}[\p{L}\p{M}]*)*")]
    private static partial Regex Word();

    // Words that make a passage a case story about a patient. Generic institution words (clinic, ICU, hospital)
    // are left out: "matched at Cleveland Clinic" is not a case.
    [GeneratedRegex(@"\b(?:patients?|pts?|pt's|presented|presents|presenting|admitted|admit|admission|discharged|discharge|brought\s+in|came\s+in|comes\s+in|walked\s+into|transferred|transfer|triage|coded|ROSC|intubated|tubed|diagnosed|DNR|DNI|hospice|bedside|found\s+down|fell|overdoses?|AMA|biopsy|MRN|family|daughter|son|wife|husband|granddaughter|grandson|mom|mum|dad|Mrs?\.?|Ms\.?|baby|born|delivered|resus|pacemaker|implant|chart|portal|in\s+clinic|clinic\s+visit|visit|follow[\s-]?up|passing|died|passed\s+away|birthday|case|scoped|cath|stroke|sepsis|septic|STEMI|code|injury|injuries|fracture|cancer|tumou?r|seizure|bleed|saw\s+an?|bay\s+\d+|bed\s+\d+|room\s+\d+|\d+\s*(?:-|\s)?\s*(?:years?|yrs?|y)[\s-]*old|\d+\s*(?:yo|y/o|y\.o\.))\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CaseCue();

    // A link, DOI, PMID, "et al", a citation in brackets with a year, a numbered reference, or "per the ... guideline".
    [GeneratedRegex(@"https?://|www\.|\bdoi\b|\b10\.\d{4,}/|\bPMID\b|\bet\s+al\b|\((?=[^)]{0,80}\b(?:19|20)\d{2}\b)[^)]{3,80}\)|\[\d+\]|\bper\s+(?:the\s+)?(?:\d{4}\s+)?[A-Z][\w-]*\s+(?:guidelines?|trial|consensus|statement)|\b(?:source|ref|refs|reference|citation)s?\s*:|\b(?:ed|edition)\)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Source();

    [GeneratedRegex(@"#ad\b|#sponsored\b|#partner\b|\bdisclosures?\s*:|\bCOI\s*:|\bconflicts?\s+of\s+interest\b|\bI\s+(?:consult|work|am\s+paid|get\s+paid|receive|received|am\s+an?\s+(?:advisor|consultant|employee|ambassador))\s+(?:for|from|by|with)?|\bpaid\s+partnership\b|\bpartnered\s+with\b|\b(?:speaker|consulting)\s+fees\b|\bI\s+have\s+(?:a\s+)?(?:financial|no)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Disclosure();
}
