using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SoMeScholar.Core.Hashtags;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Web.Features.Hashtags;

/// <summary>
/// The moderation console of an event's wall: mode, checks and source; the queue with the reason each post was held;
/// approve, hide, pin; allow and deny lists; the decision log. Every action is logged with the moderator's name.
/// The state is on the server: closing this page changes nothing on the wall.
/// </summary>
[Authorize(Policy = Policies.Moderator)]
public sealed class ModerateModel(EventCatalog catalog, WallService wall, WallHub hub, WallRunner runner, WallOptions options) : PageModel
{
    private const long MaxRecording = 50 * 1024 * 1024;

    public HashtagEvent Event { get; private set; } = null!;
    public WallSettings Settings { get; private set; } = null!;
    public IReadOnlyDictionary<WallPostStatus, int> Counts { get; private set; } = new Dictionary<WallPostStatus, int>();
    public IReadOnlyList<WallModeratorPost> Queue { get; private set; } = [];
    public IReadOnlyList<WallModeratorPost> Published { get; private set; } = [];
    public IReadOnlyList<WallModeratorPost> Removed { get; private set; } = [];
    public IReadOnlyList<WallListEntry> Entries { get; private set; } = [];
    public IReadOnlyList<WallDecision> Decisions { get; private set; } = [];
    public IReadOnlyList<string> Recordings { get; private set; } = [];
    public long Sequence { get; private set; }
    public bool Reading { get; private set; }
    public int Viewers { get; private set; }
    public string? Message { get; private set; }

    private string Actor => User.Identity?.Name ?? "moderator";

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken) =>
        await LoadAsync(slug, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostDecideAsync(string slug, long wallPostId, WallAction decision, CancellationToken cancellationToken)
    {
        var item = await catalog.FindAsync(slug, cancellationToken);
        if (item is null || await wall.DecideAsync(item.Id, wallPostId, decision, Actor, cancellationToken) is null)
        {
            return NotFound();
        }

        // The console's script posts with fetch and hears the result on its event stream; a plain form reloads.
        return Request.Headers["X-Requested-With"] == "fetch" ? new NoContentResult() : Redirect(Request.Path);
    }

    public async Task<IActionResult> OnPostSettingsAsync(string slug, WallMode mode, bool checkProfessionalism, WallSourceKind source, string? sourceAddress, double replaySpeed, CancellationToken cancellationToken) =>
        await ChangeAsync(slug, s =>
        {
            s.Mode = mode;
            s.CheckProfessionalism = checkProfessionalism;
            if (s.Source != source || s.SourceAddress != sourceAddress)
            {
                s.Cursor = null;
            }

            s.Source = source;
            s.SourceAddress = string.IsNullOrWhiteSpace(sourceAddress) ? null : sourceAddress.Trim();
            s.ReplaySpeed = replaySpeed;
        }, "Settings saved.", cancellationToken);

    public async Task<IActionResult> OnPostStartAsync(string slug, bool fromStart, CancellationToken cancellationToken) =>
        await ChangeAsync(slug, s =>
        {
            if (s.Source == WallSourceKind.None)
            {
                throw new ArgumentException("Choose a source first.");
            }

            if (fromStart)
            {
                s.Cursor = null;
            }

            s.IsRunning = true;
            s.LastError = null;
        }, "Started: posts arrive within seconds.", cancellationToken);

    public async Task<IActionResult> OnPostStopAsync(string slug, CancellationToken cancellationToken) =>
        await ChangeAsync(slug, s => s.IsRunning = false, "Stopped reading the source; the wall keeps what it shows.", cancellationToken);

    public async Task<IActionResult> OnPostAddEntryAsync(string slug, WallListKind kind, string value, CancellationToken cancellationToken)
    {
        var item = await catalog.FindAsync(slug, cancellationToken);
        if (item is null)
        {
            return NotFound();
        }

        try
        {
            await wall.AddListEntryAsync(item.Id, kind, value ?? "", Actor, cancellationToken);
            Message = $"Added to {Label(kind)}: {value}. It applies to posts arriving from now on.";
        }
        catch (ArgumentException e)
        {
            Message = e.Message;
        }

        await LoadAsync(slug, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveEntryAsync(string slug, long entryId, CancellationToken cancellationToken)
    {
        var item = await catalog.FindAsync(slug, cancellationToken);
        if (item is null)
        {
            return NotFound();
        }

        await wall.RemoveListEntryAsync(item.Id, entryId, Actor, cancellationToken);
        Message = "Removed from the list.";
        await LoadAsync(slug, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostUploadAsync(string slug, IFormFile? recording, CancellationToken cancellationToken)
    {
        if (recording is null || recording.Length == 0 || recording.Length > MaxRecording || !recording.FileName.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
        {
            Message = "Upload a Jetstream recording: a .jsonl file of at most 50 MB.";
        }
        else
        {
            Directory.CreateDirectory(options.ReplayFolder);
            var name = EventCatalog.Slugify(Path.GetFileNameWithoutExtension(recording.FileName)) + ".jsonl";
            await using (var file = System.IO.File.Create(options.ReplayPath(name)))
            {
                await recording.CopyToAsync(file, cancellationToken);
            }

            Message = $"Saved {name}: choose it as the replay source.";
        }

        return await LoadAsync(slug, cancellationToken) ? Page() : NotFound();
    }

    public static string Label(WallListKind kind) => kind switch
    {
        WallListKind.DenyWord => "denied words",
        WallListKind.DenyPhrase => "denied phrases",
        WallListKind.DenyAccount => "denied accounts",
        _ => "trusted accounts (skip the queue)",
    };

    private async Task<IActionResult> ChangeAsync(string slug, Action<WallSettings> change, string message, CancellationToken cancellationToken)
    {
        var item = await catalog.FindAsync(slug, cancellationToken);
        if (item is null)
        {
            return NotFound();
        }

        try
        {
            await wall.UpdateSettingsAsync(item.Id, change, Actor, cancellationToken);
            Message = message;
        }
        catch (ArgumentException e)
        {
            Message = e.Message;
        }

        await LoadAsync(slug, cancellationToken);
        return Page();
    }

    private async Task<bool> LoadAsync(string slug, CancellationToken cancellationToken)
    {
        var item = await catalog.FindAsync(slug, cancellationToken);
        if (item is null)
        {
            return false;
        }

        Event = item;
        Settings = await wall.SettingsAsync(item.Id, cancellationToken);
        Counts = await wall.CountsAsync(item.Id, cancellationToken);
        Queue = await wall.PostsAsync(item.Id, WallPostStatus.Pending, 200, cancellationToken);
        Published = await wall.PostsAsync(item.Id, WallPostStatus.Published, 30, cancellationToken);
        Removed = [.. (await wall.PostsAsync(item.Id, WallPostStatus.Hidden, 15, cancellationToken)).Concat(await wall.PostsAsync(item.Id, WallPostStatus.Denied, 15, cancellationToken)).OrderByDescending(p => p.Sequence)];
        Entries = await wall.ListEntriesAsync(item.Id, cancellationToken);
        Decisions = await wall.DecisionsAsync(item.Id, 50, cancellationToken);
        // The stream starts after everything this page shows.
        Sequence = (await wall.WallAsync(item.Id, 1, cancellationToken)).Sequence;
        Recordings = Directory.Exists(options.ReplayFolder) ? [.. Directory.EnumerateFiles(options.ReplayFolder, "*.jsonl").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)] : [];
        Reading = runner.Running.Contains(item.Id);
        Viewers = hub.SubscriberCount(item.Id);
        return true;
    }
}
