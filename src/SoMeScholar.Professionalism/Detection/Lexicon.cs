using System.Collections.Frozen;
using System.IO.Compression;

namespace SoMeScholar.Professionalism.Detection;

/// <summary>The embedded word lists (Data/SOURCES.md), loaded once per process.</summary>
internal sealed class Lexicon
{
    private static readonly Lazy<Lexicon> Instance = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private Lexicon(Func<string, IEnumerable<string>> read)
    {
        FirstNames = Set(read("first-names.txt"));
        Surnames = Set(read("surnames.txt").Concat(read("census-surnames.txt")));
        EnglishWords = Set(read("english-words.txt.gz"));
        Eponyms = Set(read("eponyms.txt"));
        DrugsAndDevices = Set(read("drugs-and-devices.txt"));
        FamousPeople = Set(read("famous-people.txt"));
        Cities = Set(read("us-cities.txt").Concat(read("world-cities.txt")));
        Regions = Set(read("regions.txt"));
        Slurs = Set(read("slurs.txt"));
        var exceptions = Set(read("profanity-clinical-exceptions.txt"));
        Profanity = Set(read("profanity-en.txt").Concat(read("profanity-variants.txt"))
            .Where(w => !exceptions.Contains(w) && !Slurs.Contains(w)));
        Derogatory = Set(read("derogatory.txt"));
        LongestPhraseWords = new[] { Profanity, Slurs, Derogatory, FamousPeople, Cities, Regions }
            .SelectMany(s => s).Max(p => p.Count(c => c == ' ') + 1);
    }

    public static Lexicon Shared => Instance.Value;

    public FrozenSet<string> FirstNames { get; }

    public FrozenSet<string> Surnames { get; }

    /// <summary>Lower-case English words; a capitalised word found here may be a sentence start, not a name.</summary>
    public FrozenSet<string> EnglishWords { get; }

    public FrozenSet<string> Eponyms { get; }

    public FrozenSet<string> DrugsAndDevices { get; }

    public FrozenSet<string> FamousPeople { get; }

    public FrozenSet<string> Cities { get; }

    public FrozenSet<string> Regions { get; }

    public FrozenSet<string> Slurs { get; }

    public FrozenSet<string> Profanity { get; }

    public FrozenSet<string> Derogatory { get; }

    /// <summary>The most words in any multi-word entry, bounding phrase look-ups.</summary>
    public int LongestPhraseWords { get; }

    /// <summary>A given name or surname from the lists.</summary>
    public bool IsKnownName(string word) => FirstNames.Contains(word) || Surnames.Contains(word);

    /// <summary>A listed name that is also an English word ("Will", "Grace", "Brown"): needs stronger context.</summary>
    public bool IsAmbiguousName(string word) => EnglishWords.Contains(word.ToLowerInvariant());

    /// <summary>Capitalised words that are never a person's name by themselves.</summary>
    public bool IsNeverAName(string word) =>
        Eponyms.Contains(word) || DrugsAndDevices.Contains(word) || Regions.Contains(word) || CommonCapitalised.Contains(word)
        || Derogatory.Contains(word) || Profanity.Contains(word) || Slurs.Contains(word);

    /// <summary>Words that start sentences or are capitalised for other reasons: days, months, titles, abbreviations.</summary>
    public static FrozenSet<string> CommonCapitalised { get; } = new[]
    {
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March",
        "April", "May", "June", "July", "August", "September", "October", "November", "December", "Jan", "Feb", "Mar",
        "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Christmas", "Easter", "Thanksgiving",
        "Halloween", "Mr", "Mrs", "Ms", "Miss", "Dr", "Prof", "Professor", "Nurse", "Sister", "St", "Saint", "Mount",
        "Mt", "Hospital", "Clinic", "Center", "Centre", "Medical", "General", "Regional", "Memorial", "County",
        "University", "Children", "Children's", "Ward", "Unit", "Bay", "Bed", "Room", "Street", "Avenue", "Road",
        "Lane", "Boulevard", "ED", "ER", "ICU", "NICU", "PICU", "CCU", "OR", "CT", "MRI", "ECG", "EKG", "IV", "DKA",
        "GI", "HR", "BP", "RR", "COVID", "DNR", "DNI", "AMA", "STEMI", "NSTEMI", "PE", "DVT", "MI", "AF", "TBSA",
        "GCS", "CPR", "ROSC", "TPA", "LP", "AKI", "CKD", "CHF", "COPD", "ARDS", "UTI", "HIM", "IT", "HR", "ASAP",
        "OK", "LOL", "RIP", "FYI", "ICYMI", "TIL", "PSA", "Pt", "Pts", "Patient", "Patients", "Case", "Teaching",
        "Resident", "Residents", "Intern", "Interns", "Attending", "Consultant", "Registrar", "Fellow", "Student",
        "Students", "Grand", "Rounds", "Journal", "Club", "Board", "Question", "Poll", "Thread", "Update",
        "Remember", "Today", "Tonight", "Yesterday", "Tomorrow", "Morning", "Night", "Found", "Saw", "Seen",
        "Admitted", "Discharged", "Called", "Shoutout", "Huge", "Thanks", "Thank", "Congrats", "Happy", "Anyone",
        "Everyone", "Someone", "Nobody", "God", "Jesus", "Lord", "English", "Spanish", "French", "Mandarin",
        "Arabic", "Portuguese", "Russian", "Hindi", "Vietnamese", "Korean", "Italian", "German", "Polish",
        "Japanese", "Chinese", "Somali", "Haitian", "Creole", "ASL", "AI", "POCUS", "FOAM", "FOAMed", "MedEd",
        "WWII", "SN", "DL", "MRN", "SSN", "NG", "ID", "GoFundMe", "IP", "Scribe", "Paging", "Contact", "Fax",
        "Implant", "Device", "Transfer", "Transferred", "Delivered", "Covering", "Please", "Pt's", "Baby", "Grandpa",
        "Grandma", "Just", "Our", "My", "The", "This", "That", "His", "Her", "Their", "What", "When", "Who", "Why",
        "How", "Ever", "Never", "Always", "Every", "All", "Some", "Still", "Also", "Both", "Sweet", "Best",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static FrozenSet<string> Set(IEnumerable<string> words) => words.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static Lexicon Load()
    {
        var assembly = typeof(Lexicon).Assembly;
        return new Lexicon(name =>
        {
            using var stream = assembly.GetManifestResourceStream("Data/" + name)
                ?? throw new InvalidOperationException($"The word list Data/{name} is not embedded in {assembly.GetName().Name}.");
            using var decoded = name.EndsWith(".gz", StringComparison.Ordinal)
                ? (Stream)new GZipStream(stream, CompressionMode.Decompress)
                : stream;
            using var reader = new StreamReader(decoded);
            var lines = new List<string>();
            while (reader.ReadLine() is { } line)
            {
                var trimmed = line.Trim();
                if (trimmed.Length > 0 && trimmed[0] != '#')
                {
                    lines.Add(trimmed);
                }
            }

            return lines;
        });
    }
}
