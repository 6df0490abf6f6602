using Microsoft.AspNetCore.Http.HttpResults;
using SoMeScholar.Core.Archive;

namespace SoMeScholar.Web.Features.Archive;

public static class ArchiveApi
{
    public static IEndpointRouteBuilder MapArchiveApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/archive").WithTags("Archive").AllowAnonymous();
        group.MapGet("/totals", GetTotals).WithSummary("Counts of accounts, posts and interactions, by platform and kind.");
        group.MapGet("/hashtags", GetTopHashtags).WithSummary("The most used hashtags.");
        group.MapGet("/posts", GetPosts).WithSummary("Latest posts, or posts whose text contains q.");
        group.MapGet("/accounts", GetAccounts).WithSummary("Accounts, most followed first, optionally filtered by handle or name.");
        group.MapGet("/accounts/{id:long}", GetAccount).WithSummary("One account with its follower snapshots and interaction counts.");
        group.MapGet("/imports", GetImports).WithSummary("Import runs, newest first.");
        group.MapGet("/imports/{id:long}", GetImport).WithSummary("One import run with its quarantined records (file, line or byte offset, field, reason, offending text).");
        return app;
    }

    public static async Task<Ok<ArchiveTotals>> GetTotals(ArchiveOverview archive, CancellationToken cancellationToken) =>
        TypedResults.Ok(await archive.TotalsAsync(cancellationToken));

    public static async Task<Ok<IReadOnlyList<HashtagCount>>> GetTopHashtags(ArchiveOverview archive, int? count, CancellationToken cancellationToken) =>
        TypedResults.Ok(await archive.TopHashtagsAsync(Math.Clamp(count ?? 20, 1, 500), cancellationToken));

    public static async Task<Ok<IReadOnlyList<PostSummary>>> GetPosts(ArchiveOverview archive, string? q, int? count, CancellationToken cancellationToken)
    {
        var limit = Math.Clamp(count ?? 50, 1, 500);
        return TypedResults.Ok(string.IsNullOrWhiteSpace(q) ? await archive.RecentPostsAsync(limit, cancellationToken: cancellationToken) : await archive.SearchPostsAsync(q, limit, cancellationToken));
    }

    public static async Task<Ok<IReadOnlyList<AccountListItem>>> GetAccounts(ArchiveOverview archive, string? q, int? count, CancellationToken cancellationToken) =>
        TypedResults.Ok(await archive.SearchAccountsAsync(q, Math.Clamp(count ?? 50, 1, 500), cancellationToken));

    public static async Task<Results<Ok<AccountResponse>, NotFound>> GetAccount(ArchiveOverview archive, long id, CancellationToken cancellationToken)
    {
        var detail = await archive.AccountAsync(id, cancellationToken);
        if (detail is null)
        {
            return TypedResults.NotFound();
        }

        var a = detail.Account;
        return TypedResults.Ok(new AccountResponse(a.Id, a.Platform.ToString(), a.ExternalId, a.Handle, a.DisplayName, a.Bio, a.Status.ToString(), detail.Posts,
            detail.Snapshots.Select(s => new SnapshotResponse(s.ObservedAt, s.Followers, s.Following, s.Posts)).ToList(),
            detail.Outgoing.ToDictionary(k => k.Key.ToString(), k => k.Value), detail.Incoming.ToDictionary(k => k.Key.ToString(), k => k.Value), detail.PersonSlug));
    }

    public static async Task<Ok<IReadOnlyList<ImportRun>>> GetImports(ArchiveOverview archive, int? count, CancellationToken cancellationToken) =>
        TypedResults.Ok(await archive.ImportRunsAsync(Math.Clamp(count ?? 50, 1, 500), cancellationToken));

    public static async Task<Results<Ok<ImportResponse>, NotFound>> GetImport(ImportHistory history, long id, int? skip, int? count, CancellationToken cancellationToken)
    {
        var run = await history.RunAsync(id, cancellationToken);
        return run is null
            ? TypedResults.NotFound()
            : TypedResults.Ok(new ImportResponse(run, await history.QuarantineAsync(id, Math.Max(0, skip ?? 0), Math.Clamp(count ?? 100, 1, 1000), cancellationToken)));
    }

    public sealed record ImportResponse(ImportRun Run, IReadOnlyList<QuarantinedRecord> Quarantine);

    public sealed record SnapshotResponse(DateTime ObservedAt, long? Followers, long? Following, long? Posts);

    public sealed record AccountResponse(long Id, string Platform, string ExternalId, string? Handle, string? DisplayName, string? Bio, string Status, long Posts,
        IReadOnlyList<SnapshotResponse> Snapshots, IReadOnlyDictionary<string, long> Outgoing, IReadOnlyDictionary<string, long> Incoming, string? Person);
}
