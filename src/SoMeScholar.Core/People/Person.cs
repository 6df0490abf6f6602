using SoMeScholar.Core.Archive;

namespace SoMeScholar.Core.People;

public enum PersonKind
{
    Individual,
    Organisation,
}

/// <summary>What a person does in health-professions education; organisations are journals or societies.</summary>
public enum Profession
{
    Physician,
    Resident,
    MedicalStudent,
    Nurse,
    Educator,
    Researcher,
    Journal,
    Society,
    Other,
}

/// <summary>The parts a person plays in the scholarly community (PRODUCT.md "Who uses it"). A person may have several.</summary>
public enum CommunityRole
{
    Creator,
    ExpertReviewer,
    Trainee,
    Researcher,
    Organiser,
    Mentor,
    CommitteeMember,
}

/// <summary>
/// A person or organisation in the community. Links to any number of accounts across networks, and optionally to
/// one sign-in (<see cref="Users.ScholarUser"/>). Portfolios, reviews, mentoring and studies hang off people.
/// </summary>
public class Person
{
    public long Id { get; set; }
    public required string DisplayName { get; set; }

    /// <summary>URL-safe unique name for the person's pages (/people/{slug}).</summary>
    public required string Slug { get; set; }

    public PersonKind Kind { get; set; }
    public Profession Profession { get; set; }
    public string? Specialty { get; set; }
    public string? Institution { get; set; }
    public string? Country { get; set; }

    /// <summary>IANA time zone id, e.g. America/Toronto.</summary>
    public string? TimeZone { get; set; }

    /// <summary>Comma-separated BCP 47 language tags, e.g. "en,fr".</summary>
    public string? Languages { get; set; }

    public string? Bio { get; set; }

    /// <summary>True for the generated demo community: such people are labelled as synthetic everywhere they show.</summary>
    public bool IsSynthetic { get; set; }

    public DateTime CreatedAt { get; set; }

    public List<Account> Accounts { get; } = [];
    public List<PersonRole> Roles { get; } = [];
}

public class PersonRole
{
    public long PersonId { get; set; }
    public Person? Person { get; set; }
    public CommunityRole Role { get; set; }
}
