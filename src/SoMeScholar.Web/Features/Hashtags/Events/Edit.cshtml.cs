using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SoMeScholar.Core.Hashtags;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Web.Features.Hashtags.Events;

/// <summary>Creating and editing a conference event and its sessions (moderators and administrators).</summary>
[Authorize(Policy = Policies.Moderator)]
public sealed class EditModel(EventCatalog catalog, TimeProvider clock) : PageModel
{
    public HashtagEvent? Event { get; private set; }

    [BindProperty]
    public string Name { get; set; } = "";

    [BindProperty]
    public string? Description { get; set; }

    [BindProperty]
    public string Hashtags { get; set; } = "";

    [BindProperty]
    public DateOnly StartDate { get; set; }

    [BindProperty]
    public DateOnly EndDate { get; set; }

    [BindProperty]
    public string TimeZone { get; set; } = "UTC";

    [BindProperty]
    public int DaysBefore { get; set; } = 7;

    [BindProperty]
    public int DaysAfter { get; set; } = 7;

    [BindProperty]
    public string? SessionTitle { get; set; }

    [BindProperty]
    public string? SessionRoom { get; set; }

    [BindProperty]
    public string? SessionSpeakers { get; set; }

    [BindProperty]
    public DateOnly SessionDay { get; set; }

    [BindProperty]
    public TimeOnly SessionStarts { get; set; } = new(9, 0);

    [BindProperty]
    public TimeOnly SessionEnds { get; set; } = new(10, 0);

    [BindProperty]
    public string? SessionHashtag { get; set; }

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? slug, CancellationToken cancellationToken)
    {
        if (slug is null)
        {
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            StartDate = today.AddDays(30);
            EndDate = StartDate.AddDays(2);
            return Page();
        }

        return await LoadAsync(slug, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostSaveAsync(string? slug, CancellationToken cancellationToken)
    {
        var input = new EventInput(Name, Description, StartDate, EndDate, TimeZone, Hashtags, DaysBefore, DaysAfter);
        try
        {
            if (slug is null)
            {
                var created = await catalog.CreateAsync(input, User.Identity?.Name ?? "moderator", cancellationToken: cancellationToken);
                return Redirect("/Hashtags/Events/Edit/" + created.Slug);
            }

            var item = await catalog.FindAsync(slug, cancellationToken);
            if (item is null)
            {
                return NotFound();
            }

            await catalog.UpdateAsync(item.Id, input, cancellationToken);
            Message = "Saved.";
        }
        catch (HashtagQueryException e)
        {
            Message = e.Message;
            if (slug is null)
            {
                return Page();
            }
        }

        await LoadAsync(slug!, cancellationToken, keepInput: true);
        return Page();
    }

    public async Task<IActionResult> OnPostAddSessionAsync(string slug, CancellationToken cancellationToken)
    {
        var item = await catalog.FindAsync(slug, cancellationToken);
        if (item is null)
        {
            return NotFound();
        }

        try
        {
            await catalog.AddSessionAsync(item.Id, new SessionInput(SessionTitle ?? "", SessionRoom, SessionSpeakers, SessionDay, SessionStarts, SessionEnds, SessionHashtag), cancellationToken);
            Message = $"Added \u201c{SessionTitle}\u201d.";
        }
        catch (HashtagQueryException e)
        {
            Message = e.Message;
        }

        await LoadAsync(slug, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveSessionAsync(string slug, long sessionId, CancellationToken cancellationToken)
    {
        var item = await catalog.FindAsync(slug, cancellationToken);
        if (item is null)
        {
            return NotFound();
        }

        await catalog.RemoveSessionAsync(item.Id, sessionId, cancellationToken);
        await LoadAsync(slug, cancellationToken);
        Message = "Session removed.";
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(string slug, CancellationToken cancellationToken)
    {
        var item = await catalog.FindAsync(slug, cancellationToken);
        if (item is not null)
        {
            await catalog.DeleteAsync(item.Id, cancellationToken);
        }

        return Redirect("/Hashtags");
    }

    public string Local(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(utc, HashtagQuery.FindZone(Event!.TimeZone)).ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture);

    private async Task<bool> LoadAsync(string slug, CancellationToken cancellationToken, bool keepInput = false)
    {
        Event = await catalog.FindAsync(slug, cancellationToken);
        if (Event is null)
        {
            return false;
        }

        if (!keepInput)
        {
            Name = Event.Name;
            Description = Event.Description;
            Hashtags = string.Join(' ', Event.Hashtags.Select(h => "#" + h.Tag));
            StartDate = Event.StartDate;
            EndDate = Event.EndDate;
            TimeZone = Event.TimeZone;
            DaysBefore = Event.DaysBefore;
            DaysAfter = Event.DaysAfter;
        }

        if (SessionDay < Event.StartDate || SessionDay > Event.EndDate)
        {
            SessionDay = Event.StartDate;
        }

        return true;
    }
}
