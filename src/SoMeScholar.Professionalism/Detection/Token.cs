namespace SoMeScholar.Professionalism.Detection;

/// <summary>A word of the text: letters (any script, with marks), inner apostrophes and hyphens.</summary>
internal readonly record struct Token(int Start, int Length, string Value, bool SentenceStart)
{
    public int End => Start + Length;

    /// <summary>The word without a trailing possessive 's.</summary>
    public string Core => IsPossessive ? Value[..^2] : Value;

    public int CoreLength => IsPossessive ? Length - 2 : Length;

    public bool IsPossessive => Value.Length > 2 && (Value.EndsWith("'s", StringComparison.Ordinal) || Value.EndsWith("’s", StringComparison.Ordinal));

    public bool IsCapitalised => char.IsUpper(Value[0]) && (Value.Length == 1 || !IsAllCaps);

    public bool IsAllCaps
    {
        get
        {
            foreach (var c in Value)
            {
                if (char.IsLetter(c) && !char.IsUpper(c))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
