namespace SoMeScholar.Core.Users;

/// <summary>
/// The five roles of PRODUCT.md. Guests are not signed in and hold no role; every signed-in user is at least a
/// member. Administrators pass every check; moderators and reviewers are separate duties.
/// </summary>
public static class Roles
{
    public const string Administrator = "administrator";
    public const string Moderator = "moderator";
    public const string Reviewer = "reviewer";
    public const string Member = "member";

    /// <summary>Not an Identity role: the name used in role matrices and UI for an anonymous visitor.</summary>
    public const string Guest = "guest";

    /// <summary>The roles that can be assigned, highest first.</summary>
    public static readonly IReadOnlyList<string> Assignable = [Administrator, Moderator, Reviewer, Member];

    public static bool IsAssignable(string role) => Assignable.Contains(role, StringComparer.Ordinal);
}

/// <summary>Authorization policy names. Endpoints and pages name one of these (or AllowAnonymous) explicitly.</summary>
public static class Policies
{
    /// <summary>Any signed-in user.</summary>
    public const string Member = "member";
    public const string Reviewer = "reviewer";
    public const string Moderator = "moderator";
    public const string Administrator = "administrator";
}
