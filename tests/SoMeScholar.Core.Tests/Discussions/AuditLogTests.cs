using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Discussions;
using SoMeScholar.Core.Users;
using SoMeScholar.Testing;

namespace SoMeScholar.Core.Tests.Discussions;

public class AuditLogTests
{
    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task The_database_refuses_to_update_or_delete_audit_entries(DatabaseProvider provider)
    {
        await using var world = await DiscussionWorld.CreateAsync(provider);
        var moderator = await world.UserAsync("mod", Roles.Moderator);
        var thread = await world.TopicAsync();
        await world.Moderation.LockAsync(DiscussionWorld.Actor(moderator), thread.Id, true, "Heated");
        await using var db = world.Store.NewDb();

        var update = await Record(() => db.Database.ExecuteSqlRawAsync("UPDATE moderation_actions SET reason = 'rewritten'"));
        var delete = await Record(() => db.Database.ExecuteSqlRawAsync("DELETE FROM moderation_actions"));
        var efUpdate = await Record(() => db.ModerationActions.ExecuteUpdateAsync(s => s.SetProperty(a => a.Reason, "rewritten")));

        Assert.Contains("append-only", update!.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", delete!.Message, StringComparison.Ordinal);
        Assert.NotNull(efUpdate);
        var entries = await db.ModerationActions.AsNoTracking().ToListAsync();
        Assert.All(entries, e => Assert.NotEqual("rewritten", e.Reason));
        Assert.Contains(entries, e => e.Action == ModerationActionKind.ThreadLocked && e.Reason == "Heated");
    }

    [Fact]
    public void The_audit_log_class_has_no_way_to_change_or_remove_an_entry()
    {
        var writable = typeof(ModerationAction).GetProperties().Where(p => p.SetMethod is { } set && !set.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(System.Runtime.CompilerServices.IsExternalInit))).Select(p => p.Name);
        var methods = typeof(AuditLog).GetMethods().Select(m => m.Name);

        Assert.Empty(writable);
        Assert.DoesNotContain(methods, m => m.Contains("Update", StringComparison.Ordinal) || m.Contains("Delete", StringComparison.Ordinal) || m.Contains("Remove", StringComparison.Ordinal));
    }

    [Fact]
    public void Exports_are_valid_CSV_and_JSON_and_defuse_spreadsheet_formulas()
    {
        var entries = new[]
        {
            new ModerationAction { Id = 1, At = new DateTime(2026, 11, 1, 8, 0, 0, DateTimeKind.Utc), ActorName = "Dr, \"Quoted\"", Action = ModerationActionKind.CommentHidden, TargetKind = ModerationTarget.Comment, TargetId = "7", Reason = "=HYPERLINK(\"x\")", Details = "line1\nline2" },
        };

        var csv = AuditLog.ToCsv(entries);
        var json = JsonDocument.Parse(AuditLog.ToJson(entries));

        Assert.StartsWith("id,at,actor_user_id,actor_name,action,target_kind,target_id,reason,details\r\n1,2026-11-01T08:00:00.000Z,,\"Dr, \"\"Quoted\"\"\",CommentHidden,Comment,7,\"'=HYPERLINK(\"\"x\"\")\",\"line1\nline2\"\r\n", csv, StringComparison.Ordinal);
        Assert.Equal("CommentHidden", json.RootElement[0].GetProperty("action").GetString());
    }

    private static async Task<Exception?> Record(Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or Npgsql.PostgresException)
        {
            return e;
        }
    }
}
