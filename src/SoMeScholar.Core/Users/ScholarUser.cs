using Microsoft.AspNetCore.Identity;
using SoMeScholar.Core.People;

namespace SoMeScholar.Core.Users;

/// <summary>A sign-in. Passwords are hashed by ASP.NET Core Identity's hasher; roles are Identity roles (see <see cref="Roles"/>).</summary>
public class ScholarUser : IdentityUser
{
    public string? DisplayName { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>Set for the first administrator, whose one-time password was printed to the console.</summary>
    public bool MustChangePassword { get; set; }

    public long? PersonId { get; set; }
    public Person? Person { get; set; }
}
