using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using SoMeScholar.Core.Security;
using SoMeScholar.Web.Shared;

namespace SoMeScholar.Web.Features.Account;

/// <summary>Self-registration, as the administrator allows it (open, invitation-only or closed); confirmation by e-mail.</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Registration)]
public sealed class RegisterModel(Registration registration, AccountEmails emails) : PageModel
{
    [BindProperty]
    [Display(Name = "User name")]
    public string UserName { get; set; } = "";

    [BindProperty]
    [Display(Name = "E-mail")]
    public string Email { get; set; } = "";

    [BindProperty]
    [Display(Name = "Name shown to others")]
    public string DisplayName { get; set; } = "";

    [BindProperty]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    [Display(Name = "Invitation code")]
    public string? InvitationCode { get; set; }

    public RegistrationMode Mode { get; private set; }
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public bool Registered { get; private set; }

    public async Task OnGetAsync() => Mode = await registration.ModeAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync()
    {
        Mode = await registration.ModeAsync(HttpContext.RequestAborted);
        try
        {
            var user = await registration.RegisterAsync(new RegistrationRequest(UserName, Email, DisplayName, Password, InvitationCode), HttpContext.RequestAborted);
            await emails.SendConfirmationAsync(user, Request.SiteUrl(), HttpContext.RequestAborted);
            Registered = true;
        }
        catch (RegistrationException e)
        {
            Errors = e.Errors;
        }

        return Page();
    }
}
