using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;

namespace SoMeScholar.Core.Users;

public sealed record UserSummary(string Id, string UserName, string? Email, string? DisplayName, IReadOnlyList<string> Roles, DateTime CreatedAt, bool LockedOut);

/// <summary>Creating users and granting roles, for the CLI (<c>users add/list/set-role</c>) and the administration pages.</summary>
public sealed class UserAdministration(ScholarDb db, UserManager<ScholarUser> users, RoleManager<IdentityRole> roles, TimeProvider clock)
{
    /// <summary>Creates the Identity roles that do not exist yet.</summary>
    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.Assignable)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), $"create role {role}");
            }
        }
    }

    /// <summary>
    /// On a store with no users, creates the administrator <c>admin</c> with a random one-time password that must be
    /// changed at first sign-in. Returns that password, or null when users already exist.
    /// </summary>
    public async Task<string?> EnsureFirstAdministratorAsync()
    {
        await EnsureRolesAsync();
        if (await db.Users.AnyAsync())
        {
            return null;
        }

        var password = GeneratePassword();
        await AddAsync("admin", "admin@localhost", Roles.Administrator, password, mustChangePassword: true, displayName: "Administrator");
        return password;
    }

    /// <summary>Adds a user with a role. With no password given, generates one and returns it.</summary>
    public async Task<(ScholarUser User, string Password)> AddAsync(string userName, string? email, string role, string? password = null, bool mustChangePassword = false, string? displayName = null)
    {
        if (!Roles.IsAssignable(role))
        {
            throw new ArgumentException($"Unknown role '{role}'. Roles: {string.Join(", ", Roles.Assignable)}.", nameof(role));
        }

        await EnsureRolesAsync();
        password ??= GeneratePassword();
        var user = new ScholarUser
        {
            UserName = userName,
            Email = email,
            EmailConfirmed = email is not null,
            DisplayName = displayName ?? userName,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            MustChangePassword = mustChangePassword,
        };
        Check(await users.CreateAsync(user, password), $"create user {userName}");
        Check(await users.AddToRoleAsync(user, role), $"give {userName} the role {role}");
        if (role != Roles.Member)
        {
            // Every signed-in user is at least a member; higher roles add duties, they do not replace membership.
            Check(await users.AddToRoleAsync(user, Roles.Member), $"give {userName} the role {Roles.Member}");
        }

        return (user, password);
    }

    public async Task<IReadOnlyList<UserSummary>> ListAsync()
    {
        var now = clock.GetUtcNow();
        var rolesByUser = await (from userRole in db.UserRoles
                                 join role in db.Roles on userRole.RoleId equals role.Id
                                 select new { userRole.UserId, role.Name }).ToListAsync();
        var all = await db.Users.OrderBy(u => u.UserName).ToListAsync();
        return all.Select(u => new UserSummary(
                u.Id,
                u.UserName!,
                u.Email,
                u.DisplayName,
                rolesByUser.Where(r => r.UserId == u.Id).Select(r => r.Name!).OrderBy(r => Roles.Assignable.ToList().IndexOf(r)).ToList(),
                u.CreatedAt,
                u.LockoutEnd > now))
            .ToList();
    }

    /// <summary>Sets a user's role: the given role plus member; other roles are removed.</summary>
    public async Task SetRoleAsync(string userNameOrEmail, string role)
    {
        if (!Roles.IsAssignable(role))
        {
            throw new ArgumentException($"Unknown role '{role}'. Roles: {string.Join(", ", Roles.Assignable)}.", nameof(role));
        }

        await EnsureRolesAsync();
        var user = await users.FindByNameAsync(userNameOrEmail) ?? await users.FindByEmailAsync(userNameOrEmail)
            ?? throw new ArgumentException($"No user named '{userNameOrEmail}'.", nameof(userNameOrEmail));
        var current = await users.GetRolesAsync(user);
        var wanted = role == Roles.Member ? new[] { Roles.Member } : [role, Roles.Member];
        Check(await users.RemoveFromRolesAsync(user, current.Except(wanted)), $"remove roles from {userNameOrEmail}");
        Check(await users.AddToRolesAsync(user, wanted.Except(current)), $"give {userNameOrEmail} the role {role}");
        await users.UpdateSecurityStampAsync(user);
    }

    /// <summary>A random password that satisfies the password policy: 20 characters from an unambiguous alphabet.</summary>
    public static string GeneratePassword()
    {
        const string lower = "abcdefghijkmnpqrstuvwxyz";
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
        const string digits = "23456789";
        const string all = lower + upper + digits;
        var chars = new char[20];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        }

        chars[RandomNumberGenerator.GetInt32(0, 6)] = lower[RandomNumberGenerator.GetInt32(lower.Length)];
        chars[RandomNumberGenerator.GetInt32(7, 13)] = upper[RandomNumberGenerator.GetInt32(upper.Length)];
        chars[RandomNumberGenerator.GetInt32(14, 20)] = digits[RandomNumberGenerator.GetInt32(digits.Length)];
        return new string(chars);
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}
