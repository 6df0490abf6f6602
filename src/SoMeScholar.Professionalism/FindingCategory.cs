namespace SoMeScholar.Professionalism;

/// <summary>What a finding is about. The first eight are HIPAA Safe Harbor identifiers and have a de-identification tag.</summary>
public enum FindingCategory
{
    /// <summary>A patient's or relative's name.</summary>
    PersonName,

    /// <summary>A date more specific than the year, or a relative time tied to a case ("last night").</summary>
    Date,

    /// <summary>An age over 89.</summary>
    Age,

    /// <summary>A place smaller than a state: city, street, named hospital, unit, bed or bay.</summary>
    Place,

    /// <summary>A telephone or fax number.</summary>
    Phone,

    /// <summary>An e-mail address.</summary>
    Email,

    /// <summary>A medical record, account, social security, licence, plate, device or serial number.</summary>
    RecordNumber,

    /// <summary>A URL that points to a person (profile, fundraiser) or an IP address.</summary>
    UrlOrIp,

    /// <summary>A case story with two or more quasi-identifiers, riskier together than any one alone.</summary>
    CombinationRisk,

    /// <summary>An image or other attachment, which the check does not look inside.</summary>
    Attachment,

    /// <summary>Profanity.</summary>
    Profanity,

    /// <summary>A slur against a group of people.</summary>
    Slur,

    /// <summary>Derogatory language or insults about patients or colleagues.</summary>
    Derogatory,

    /// <summary>Promotional language about a product or company with no disclosure.</summary>
    UndisclosedConflict,

    /// <summary>A strong clinical recommendation or dose with no link or reference.</summary>
    UnsourcedClaim,
}

/// <summary>How serious a finding is. Thresholds in <see cref="ProfessionalismSettings"/> compare against this order.</summary>
public enum Severity
{
    Info = 0,
    Low = 1,
    Medium = 2,
    High = 3,
}

/// <summary>Facts about the categories: which are identifiers, their de-identification tags.</summary>
public static class FindingCategories
{
    /// <summary>The HIPAA-style identifier categories, in the order de-identification prefers them when spans overlap.</summary>
    public static IReadOnlyList<FindingCategory> Identifiers { get; } =
    [
        FindingCategory.Email, FindingCategory.UrlOrIp, FindingCategory.Phone, FindingCategory.RecordNumber,
        FindingCategory.PersonName, FindingCategory.Age, FindingCategory.Date, FindingCategory.Place,
    ];

    /// <summary>Quasi-identifiers: harmless alone, identifying in combination (the combination rule counts these).</summary>
    public static IReadOnlyList<FindingCategory> QuasiIdentifiers { get; } =
        [FindingCategory.Date, FindingCategory.Age, FindingCategory.Place];

    public static bool IsIdentifier(FindingCategory category) => category <= FindingCategory.UrlOrIp;

    public static bool IsQuasiIdentifier(FindingCategory category) =>
        category is FindingCategory.Date or FindingCategory.Age or FindingCategory.Place;

    /// <summary>The tag de-identification writes in place of an identifier, e.g. "[NAME]".</summary>
    public static string Tag(FindingCategory category) => category switch
    {
        FindingCategory.PersonName => "[NAME]",
        FindingCategory.Date => "[DATE]",
        FindingCategory.Age => "[AGE]",
        FindingCategory.Place => "[PLACE]",
        FindingCategory.Phone => "[PHONE]",
        FindingCategory.Email => "[EMAIL]",
        FindingCategory.RecordNumber => "[ID]",
        FindingCategory.UrlOrIp => "[URL]",
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "Only identifier categories have a tag."),
    };

    /// <summary>A short label for people, e.g. "patient name".</summary>
    public static string Label(FindingCategory category) => category switch
    {
        FindingCategory.PersonName => "name",
        FindingCategory.Date => "date",
        FindingCategory.Age => "age over 89",
        FindingCategory.Place => "place",
        FindingCategory.Phone => "phone number",
        FindingCategory.Email => "e-mail address",
        FindingCategory.RecordNumber => "record number",
        FindingCategory.UrlOrIp => "link or IP address",
        FindingCategory.CombinationRisk => "combined identifiers",
        FindingCategory.Attachment => "attachment",
        FindingCategory.Profanity => "profanity",
        FindingCategory.Slur => "slur",
        FindingCategory.Derogatory => "derogatory language",
        FindingCategory.UndisclosedConflict => "undisclosed conflict of interest",
        FindingCategory.UnsourcedClaim => "claim without a source",
        _ => category.ToString(),
    };
}
