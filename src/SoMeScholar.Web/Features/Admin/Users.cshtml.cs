using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Web.Features.Admin;

[Authorize(Policy = Policies.Administrator)]
public sealed class UsersModel(UserAdministration administration) : PageModel
{
    public IReadOnlyList<UserSummary> Users { get; private set; } = [];

    [BindProperty]
    [Required]
    [RegularExpression("^[A-Za-z0-9._@-]{2,64}$", ErrorMessage = "User names use letters, digits, '.', '_', '@' and '-' (2 to 64).")]
    public string NewUserName { get; set; } = "";

    [BindProperty]
    [EmailAddress]
    public string? NewEmail { get; set; }

    [BindProperty]
    public string NewRole { get; set; } = Roles.Member;

    public string? Message { get; private set; }
    public string? CreatedPassword { get; private set; }

    public async Task OnGetAsync() => Users = await administration.ListAsync();

    public async Task<IActionResult> OnPostAddAsync()
    {
        if (!ModelState.IsValid)
        {
            Message = string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage));
        }
        else
        {
            try
            {
                var (user, password) = await administration.AddAsync(NewUserName.Trim(), string.IsNullOrWhiteSpace(NewEmail) ? null : NewEmail.Trim(), NewRole, mustChangePassword: true);
                Message = $"Created {user.UserName} as {NewRole}. Give them this one-time password; it is shown only now.";
                CreatedPassword = password;
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                Message = e.Message;
            }
        }

        Users = await administration.ListAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostSetRoleAsync(string userName, string role)
    {
        try
        {
            await administration.SetRoleAsync(userName, role);
            Message = $"{userName} is now {role}.";
        }
        catch (ArgumentException e)
        {
            Message = e.Message;
        }

        Users = await administration.ListAsync();
        return Page();
    }
}
