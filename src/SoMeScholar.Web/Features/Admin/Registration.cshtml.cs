using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SoMeScholar.Core.Discussions;
using SoMeScholar.Core.Security;
using SoMeScholar.Core.Users;
using SoMeScholar.Web.Features.Account;

namespace SoMeScholar.Web.Features.Admin;

/// <summary>Whether people may register (open, by invitation, closed), and invitation codes.</summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class RegistrationModel(Registration registration) : PageModel
{
    public RegistrationMode Mode { get; private set; }
    public IReadOnlyList<InvitationSummary> Invitations { get; private set; } = [];
    public string? Message { get; private set; }
    public string? NewCode { get; private set; }

    [BindProperty]
    public RegistrationMode NewMode { get; set; }

    [BindProperty]
    public string Reason { get; set; } = "";

    [BindProperty]
    public string? InviteEmail { get; set; }

    [BindProperty]
    public string? InviteNote { get; set; }

    [BindProperty]
    public int InviteDays { get; set; } = 14;

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostModeAsync()
    {
        try
        {
            await registration.SetModeAsync(User.Actor(), NewMode, string.IsNullOrWhiteSpace(Reason) ? "Registration setting changed" : Reason, HttpContext.RequestAborted);
            Message = $"Registration is now {NewMode}.";
        }
        catch (ModerationException e)
        {
            Message = e.Message;
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostInviteAsync()
    {
        try
        {
            var (_, code) = await registration.CreateInvitationAsync(User.Actor(), InviteEmail, InviteNote, InviteDays, HttpContext.RequestAborted);
            NewCode = code;
            Message = "Invitation created. Give the person this code (or the link); it is shown only now.";
        }
        catch (Exception e) when (e is ModerationException or ArgumentException)
        {
            Message = e.Message.Split(" (Parameter")[0];
        }

        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Mode = await registration.ModeAsync(HttpContext.RequestAborted);
        NewMode = Mode;
        Invitations = await registration.ListInvitationsAsync(HttpContext.RequestAborted);
    }
}
