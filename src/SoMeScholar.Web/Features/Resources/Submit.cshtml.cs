using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Resources;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Web.Features.Resources;

/// <summary>Submit a resource (members), or edit / revise one (its authors, submitter, editor, administrators).</summary>
[Authorize(Policy = Policies.Member)]
public sealed class SubmitModel(ResourceRegistry registry, ScholarDb db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long? Id { get; set; }

    /// <summary>"edit" corrects the current version; "revise" registers a new one.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Mode { get; set; }

    [BindProperty, Required, Display(Name = "Address (URL)")]
    public string Address { get; set; } = "";

    [BindProperty, Required]
    public string Title { get; set; } = "";

    [BindProperty]
    public ResourceType Type { get; set; }

    [BindProperty]
    public string? Publisher { get; set; }

    [BindProperty]
    public string? Specialty { get; set; }

    [BindProperty, DataType(DataType.Date), Display(Name = "Publication date")]
    public DateTime? PublishedAt { get; set; }

    [BindProperty]
    public string? Licence { get; set; }

    [BindProperty, Display(Name = "Topics (separated by ;)")]
    public string? Topics { get; set; }

    [BindProperty, Display(Name = "Authors (separated by ;, @slug links a person)")]
    public string? Authors { get; set; }

    [BindProperty]
    public string? Summary { get; set; }

    [BindProperty, Display(Name = "What changed (for a revision)")]
    public string? ChangeNote { get; set; }

    [BindProperty, Display(Name = "Archive a snapshot now")]
    public bool Snapshot { get; set; } = true;

    public string? Error { get; private set; }

    public bool Revising => Mode == "revise";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Id is { } id)
        {
            var resource = await db.Resources.AsNoTracking().Include(r => r.Authors).ThenInclude(a => a.Person).Include(r => r.Topics).FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
            if (resource is null)
            {
                return NotFound();
            }

            var actor = await ResourceWeb.ActorAsync(HttpContext);
            if (actor is null || !ResourceRegistry.CanChange(actor, resource))
            {
                return Forbid();
            }

            Address = resource.Url;
            Title = resource.Title;
            Type = resource.Type;
            Publisher = resource.Publisher;
            Specialty = resource.Specialty;
            PublishedAt = resource.PublishedAt;
            Licence = resource.Licence;
            Summary = resource.Summary;
            Topics = string.Join("; ", resource.Topics.Select(t => t.Topic));
            Authors = string.Join("; ", resource.Authors.OrderBy(a => a.Position).Select(a => a.Person is { } p && p.DisplayName == a.Name ? "@" + p.Slug : a.Name));
            Snapshot = false;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            Error = string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage));
            return Page();
        }

        var input = new ResourceInput
        {
            Url = Address,
            Title = Title,
            Type = Type,
            Publisher = Publisher,
            Specialty = Specialty,
            PublishedAt = PublishedAt,
            Licence = Licence,
            Summary = Summary,
            Topics = (Topics ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Authors = (Authors ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(a => a.StartsWith('@') ? new AuthorInput(null, PersonSlug: a[1..]) : new AuthorInput(a)).ToList(),
        };
        return await ResourceWeb.RunAsync(this, async actor =>
        {
            var resource = Id is { } id
                ? Revising ? await registry.ReviseAsync(actor, id, input, ChangeNote, cancellationToken) : await registry.EditAsync(actor, id, input, cancellationToken)
                : await registry.SubmitAsync(actor, input, cancellationToken);
            var message = Id is null ? "Submitted." : Revising ? $"Version {resource.Version} registered." : "Saved.";
            if (Snapshot)
            {
                var snapshot = await registry.ArchiveSnapshotAsync(actor, resource.Id, cancellationToken);
                message += snapshot.Outcome == SnapshotOutcome.Archived ? " Snapshot archived." : $" The snapshot failed ({snapshot.Error}); the resource is registered without one.";
            }

            TempData["Message"] = message;
            return Redirect($"/Resources/{resource.Id}");
        }, message =>
        {
            Error = message;
            return Page();
        });
    }
}
