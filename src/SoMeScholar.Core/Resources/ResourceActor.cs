namespace SoMeScholar.Core.Resources;

/// <summary>
/// Who is acting, as the resource and review operations need to know it: the sign-in, its roles, the person it is
/// linked to and whether it holds the verified-expert flag. Hosts build it from the signed-in user
/// (<see cref="ResourceActors"/>); the operations make every permission decision from it, so pages, the JSON API
/// and the CLI apply the same rules.
/// </summary>
public sealed record ResourceActor(string UserId, string DisplayName, IReadOnlySet<string> Roles, long? PersonId, bool IsExpert)
{
    public bool IsAdministrator => Roles.Contains(Users.Roles.Administrator);

    /// <summary>Reviewers and administrators review.</summary>
    public bool IsReviewer => IsAdministrator || Roles.Contains(Users.Roles.Reviewer);

    /// <summary>Every signed-in user is at least a member.</summary>
    public bool IsMember => IsAdministrator || Roles.Contains(Users.Roles.Member) || Roles.Contains(Users.Roles.Reviewer) || Roles.Contains(Users.Roles.Moderator);

    /// <summary>"person:{id}" when linked to a person, else "user:{id}": one endorsement, uptake report or review per key.</summary>
    public string Key => ParticipantKey.For(UserId, PersonId);
}

public static class ParticipantKey
{
    public static string For(string? userId, long? personId) =>
        personId is { } person ? $"person:{person}" : userId is { Length: > 0 } user ? $"user:{user}" : throw new ArgumentException("A participant needs a user or a person.");
}

/// <summary>An operation the actor may not perform; hosts answer 403 (or 401 for guests) with its message.</summary>
public sealed class ResourceAccessDeniedException(string message) : Exception(message);

/// <summary>A request that cannot be carried out as asked (bad input, wrong state); hosts answer 400/409 with its message.</summary>
public sealed class ResourceRuleException(string message, string? field = null) : Exception(message)
{
    public string? Field { get; } = field;
}

/// <summary>Something named by id does not exist.</summary>
public sealed class ResourceNotFoundException(string message) : Exception(message);
