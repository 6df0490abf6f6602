using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;

namespace SoMeScholar.Core.Research;

public sealed record CodeInput(string Name, long? ParentId = null, string? Definition = null, string? Inclusion = null, string? Exclusion = null, string? Examples = null, string? Color = null);

public sealed record CodebookEntry(
    long Id,
    long? ParentId,
    string Name,
    string Path,
    int Depth,
    string? Definition,
    string? Inclusion,
    string? Exclusion,
    string? Examples,
    string Color,
    Guid ExchangeId,
    int Codings,
    int Memos);

public sealed record ThemeEntry(long Id, long? ParentId, string Name, string Path, int Depth, string? Description, Guid ExchangeId, IReadOnlyList<long> CodeIds);

public sealed record CodebookView(IReadOnlyList<CodebookEntry> Codes, IReadOnlyList<ThemeEntry> Themes);

/// <summary>One part of a split: a new code and the codings that move to it.</summary>
public sealed record SplitPart(string Name, string? Definition = null, IReadOnlyList<long>? CodingIds = null);

public sealed record MergeResult(Code Target, int CodingsMoved, int DuplicatesDropped, int MemosMoved);

/// <summary>
/// The hierarchical codebook and the themes that group codes. Every change (create, edit, rename, move, merge,
/// split, delete; themes too) needs a reason and is written to the audit trail in the same transaction.
/// </summary>
public sealed partial class Codebook(ScholarDb db, StudyAccess access, TimeProvider clock)
{
    public const int MaxNameLength = 256;

    /// <summary>Colours given to new codes in turn when none is chosen (readable on white, distinguishable).</summary>
    public static readonly IReadOnlyList<string> Palette =
        ["#0f6e8c", "#d1603d", "#5b8c3a", "#8a5bb0", "#c49a1a", "#3d6fd1", "#b0445b", "#2f8f7f", "#7a6a2f", "#a0522d", "#4b6584", "#c0392b"];

    public async Task<CodebookView> GetAsync(ResearchActor actor, long studyId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, studyId, StudyRight.Read, cancellationToken);
        return await ViewAsync(db, studyId, cancellationToken);
    }

    internal static async Task<CodebookView> ViewAsync(ScholarDb db, long studyId, CancellationToken cancellationToken)
    {
        var codes = await db.Codes.AsNoTracking().Where(c => c.StudyId == studyId).ToListAsync(cancellationToken);
        var codingCounts = await db.Codings.Where(c => c.StudyId == studyId).GroupBy(c => c.CodeId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var memoCounts = await db.Memos.Where(m => m.StudyId == studyId && m.CodeId != null).GroupBy(m => m.CodeId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var themes = await db.Themes.AsNoTracking().Where(t => t.StudyId == studyId).ToListAsync(cancellationToken);
        var themeIds = themes.Select(t => t.Id).ToList();
        var links = await db.ThemeCodes.AsNoTracking().Where(l => themeIds.Contains(l.ThemeId)).ToListAsync(cancellationToken);

        var codeEntries = new List<CodebookEntry>();
        void AddCodes(long? parent, int depth, string prefix)
        {
            foreach (var code in codes.Where(c => c.ParentId == parent).OrderBy(c => c.SortOrder).ThenBy(c => c.Name, StringComparer.OrdinalIgnoreCase))
            {
                var path = prefix.Length == 0 ? code.Name : prefix + " › " + code.Name;
                codeEntries.Add(new CodebookEntry(code.Id, code.ParentId, code.Name, path, depth, code.Definition, code.Inclusion, code.Exclusion, code.Examples, code.Color, code.ExchangeId,
                    codingCounts.GetValueOrDefault(code.Id), memoCounts.GetValueOrDefault(code.Id)));
                AddCodes(code.Id, depth + 1, path);
            }
        }

        AddCodes(null, 0, "");

        var themeEntries = new List<ThemeEntry>();
        void AddThemes(long? parent, int depth, string prefix)
        {
            foreach (var theme in themes.Where(t => t.ParentId == parent).OrderBy(t => t.SortOrder).ThenBy(t => t.Name, StringComparer.OrdinalIgnoreCase))
            {
                var path = prefix.Length == 0 ? theme.Name : prefix + " › " + theme.Name;
                themeEntries.Add(new ThemeEntry(theme.Id, theme.ParentId, theme.Name, path, depth, theme.Description, theme.ExchangeId,
                    links.Where(l => l.ThemeId == theme.Id).Select(l => l.CodeId).Order().ToList()));
                AddThemes(theme.Id, depth + 1, path);
            }
        }

        AddThemes(null, 0, "");
        return new CodebookView(codeEntries, themeEntries);
    }

    public async Task<Code> CreateAsync(ResearchActor actor, long studyId, CodeInput input, string reason, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, studyId, StudyRight.Edit, cancellationToken);
        reason = RequireReason(reason);
        var code = await NewCodeAsync(studyId, input, cancellationToken);
        db.Codes.Add(code);
        await db.SaveChangesAsync(cancellationToken);
        await AuditTrail.AppendAsync(db, studyId, actor, code.CreatedAt, CodebookAction.CodeCreated, code.Id, code.Name,
            $"Created code \u201c{code.Name}\u201d" + (code.ParentId is null ? "" : $" under \u201c{await NameOfAsync(code.ParentId.Value, cancellationToken)}\u201d") + ".",
            new { after = Snapshot(code) }, reason, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return code;
    }

    /// <summary>Changes a code's definition, criteria, examples and colour (the name too; a name change alone is a rename).</summary>
    public async Task<Code> EditAsync(ResearchActor actor, long codeId, CodeInput input, string reason, CancellationToken cancellationToken = default)
    {
        var (studyId, _) = await access.RequireCodeAsync(actor, codeId, StudyRight.Edit, cancellationToken);
        reason = RequireReason(reason);
        var code = await db.Codes.FirstAsync(c => c.Id == codeId, cancellationToken);
        var before = Snapshot(code);
        var name = ValidName(input.Name);
        if (!string.Equals(name, code.Name, StringComparison.Ordinal))
        {
            await EnsureUniqueAsync(studyId, code.ParentId, name, code.Id, cancellationToken);
        }

        code.Name = name;
        code.Definition = Studies.Optional(input.Definition, 20_000);
        code.Inclusion = Studies.Optional(input.Inclusion, 20_000);
        code.Exclusion = Studies.Optional(input.Exclusion, 20_000);
        code.Examples = Studies.Optional(input.Examples, 20_000);
        code.Color = ValidColor(input.Color) ?? code.Color;
        var after = Snapshot(code);
        if (before == after)
        {
            return code;
        }

        var changed = ChangedFields(before, after);
        await AuditTrail.AppendAsync(db, studyId, actor, Now(), CodebookAction.CodeEdited, code.Id, code.Name,
            $"Edited \u201c{before.Name}\u201d: {string.Join(", ", changed)}.", new { before, after }, reason, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return code;
    }

    public async Task<Code> RenameAsync(ResearchActor actor, long codeId, string newName, string reason, CancellationToken cancellationToken = default)
    {
        var (studyId, _) = await access.RequireCodeAsync(actor, codeId, StudyRight.Edit, cancellationToken);
        reason = RequireReason(reason);
        var code = await db.Codes.FirstAsync(c => c.Id == codeId, cancellationToken);
        var name = ValidName(newName);
        if (name == code.Name)
        {
            return code;
        }

        await EnsureUniqueAsync(studyId, code.ParentId, name, code.Id, cancellationToken);
        var old = code.Name;
        code.Name = name;
        await AuditTrail.AppendAsync(db, studyId, actor, Now(), CodebookAction.CodeRenamed, code.Id, name,
            $"Renamed \u201c{old}\u201d to \u201c{name}\u201d.", new { before = old, after = name }, reason, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return code;
    }

    /// <summary>Moves a code (with its children) under another parent, or to the top level when <paramref name="newParentId"/> is null.</summary>
    public async Task<Code> MoveAsync(ResearchActor actor, long codeId, long? newParentId, string reason, CancellationToken cancellationToken = default)
    {
        var (studyId, _) = await access.RequireCodeAsync(actor, codeId, StudyRight.Edit, cancellationToken);
        reason = RequireReason(reason);
        var code = await db.Codes.FirstAsync(c => c.Id == codeId, cancellationToken);
        if (code.ParentId == newParentId)
        {
            return code;
        }

        var parents = await ParentsAsync(studyId, cancellationToken);
        if (newParentId is { } parent)
        {
            if (!parents.ContainsKey(parent))
            {
                throw ResearchException.Invalid("The new parent is not a code of this study.");
            }

            if (IsSelfOrDescendant(parents, parent, codeId))
            {
                throw ResearchException.Invalid("A code cannot move under itself or one of its own sub-codes.");
            }
        }

        await EnsureUniqueAsync(studyId, newParentId, code.Name, code.Id, cancellationToken);
        var from = code.ParentId is { } p ? await NameOfAsync(p, cancellationToken) : "(top level)";
        var to = newParentId is { } q ? await NameOfAsync(q, cancellationToken) : "(top level)";
        code.ParentId = newParentId;
        await AuditTrail.AppendAsync(db, studyId, actor, Now(), CodebookAction.CodeMoved, code.Id, code.Name,
            $"Moved \u201c{code.Name}\u201d from {Quote(from)} to {Quote(to)}.", new { beforeParent = from, afterParent = to }, reason, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return code;
    }

    /// <summary>
    /// Merges codes into a target: their codings, memos, theme memberships and sub-codes move to the target (a coding
    /// the same coder already made with the target on the same span is dropped as a duplicate), then they are removed.
    /// </summary>
    public async Task<MergeResult> MergeAsync(ResearchActor actor, long targetId, IReadOnlyCollection<long> sourceIds, string reason, CancellationToken cancellationToken = default)
    {
        var (studyId, _) = await access.RequireCodeAsync(actor, targetId, StudyRight.Edit, cancellationToken);
        reason = RequireReason(reason);
        var ids = sourceIds.Distinct().Where(id => id != targetId).ToList();
        if (ids.Count == 0)
        {
            throw ResearchException.Invalid("Choose at least one code to merge into the target.");
        }

        var sources = await db.Codes.Where(c => ids.Contains(c.Id) && c.StudyId == studyId).ToListAsync(cancellationToken);
        if (sources.Count != ids.Count)
        {
            throw ResearchException.Invalid("Every merged code must belong to this study.");
        }

        var target = await db.Codes.FirstAsync(c => c.Id == targetId, cancellationToken);
        var parents = await ParentsAsync(studyId, cancellationToken);
        if (sources.Any(s => IsSelfOrDescendant(parents, targetId, s.Id)))
        {
            throw ResearchException.Invalid("The target cannot be inside one of the codes merged into it.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var targetCodings = await db.Codings.Where(c => c.CodeId == targetId).Select(c => new { c.TranscriptId, c.CoderId, c.Start, c.End }).ToListAsync(cancellationToken);
        var seen = targetCodings.Select(c => (c.TranscriptId, c.CoderId, c.Start, c.End)).ToHashSet();
        var moving = await db.Codings.Where(c => ids.Contains(c.CodeId)).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var moved = 0;
        var dropped = 0;
        foreach (var coding in moving)
        {
            if (seen.Add((coding.TranscriptId, coding.CoderId, coding.Start, coding.End)))
            {
                coding.CodeId = targetId;
                moved++;
            }
            else
            {
                db.Codings.Remove(coding);
                dropped++;
            }
        }

        var memos = await db.Memos.Where(m => m.CodeId != null && ids.Contains(m.CodeId.Value)).ToListAsync(cancellationToken);
        foreach (var memo in memos)
        {
            memo.CodeId = targetId;
        }

        var targetThemes = await db.ThemeCodes.Where(l => l.CodeId == targetId).Select(l => l.ThemeId).ToListAsync(cancellationToken);
        var themeLinks = await db.ThemeCodes.Where(l => ids.Contains(l.CodeId)).ToListAsync(cancellationToken);
        db.ThemeCodes.RemoveRange(themeLinks);
        foreach (var themeId in themeLinks.Select(l => l.ThemeId).Distinct().Except(targetThemes))
        {
            db.ThemeCodes.Add(new ThemeCode { ThemeId = themeId, CodeId = targetId });
        }

        var children = await db.Codes.Where(c => c.ParentId != null && ids.Contains(c.ParentId.Value)).ToListAsync(cancellationToken);
        foreach (var child in children)
        {
            child.ParentId = targetId;
        }

        await db.SaveChangesAsync(cancellationToken);
        db.Codes.RemoveRange(sources);
        var names = sources.Select(s => s.Name).ToList();
        await AuditTrail.AppendAsync(db, studyId, actor, Now(), CodebookAction.CodesMerged, targetId, target.Name,
            $"Merged {string.Join(", ", names.Select(Quote))} into \u201c{target.Name}\u201d: {moved} coding(s) moved, {dropped} duplicate(s) dropped, {memos.Count} memo(s) moved.",
            new
            {
                target = new { id = target.Id, name = target.Name },
                sources = sources.Select(s => new { id = s.Id, name = s.Name, snapshot = Snapshot(s) }),
                codingsMoved = moved,
                duplicatesDropped = dropped,
                memosMoved = memos.Count,
                subCodesMoved = children.Select(c => c.Name),
            }, reason, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new MergeResult(target, moved, dropped, memos.Count);
    }

    /// <summary>
    /// Splits a code: each part becomes a new sibling code (same parent and colour) and takes the codings listed for
    /// it; codings not listed stay with the original, which remains until it is merged or deleted.
    /// </summary>
    public async Task<IReadOnlyList<Code>> SplitAsync(ResearchActor actor, long codeId, IReadOnlyList<SplitPart> parts, string reason, CancellationToken cancellationToken = default)
    {
        var (studyId, _) = await access.RequireCodeAsync(actor, codeId, StudyRight.Edit, cancellationToken);
        reason = RequireReason(reason);
        if (parts.Count == 0)
        {
            throw ResearchException.Invalid("Name at least one new code to split into.");
        }

        var original = await db.Codes.FirstAsync(c => c.Id == codeId, cancellationToken);
        var assigned = parts.SelectMany(p => p.CodingIds ?? []).ToList();
        if (assigned.Count != assigned.Distinct().Count())
        {
            throw ResearchException.Invalid("A coding can move to one new code only.");
        }

        var codings = await db.Codings.Where(c => c.CodeId == codeId).ToDictionaryAsync(c => c.Id, cancellationToken);
        if (assigned.Any(id => !codings.ContainsKey(id)))
        {
            throw ResearchException.Invalid("Only codings of the code being split can move.");
        }

        var names = parts.Select(p => ValidName(p.Name)).ToList();
        if (names.Distinct(StringComparer.OrdinalIgnoreCase).Count() != names.Count)
        {
            throw ResearchException.Invalid("The new codes need different names.");
        }

        foreach (var name in names)
        {
            await EnsureUniqueAsync(studyId, original.ParentId, name, null, cancellationToken);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var created = new List<Code>();
        for (var i = 0; i < parts.Count; i++)
        {
            var code = await NewCodeAsync(studyId, new CodeInput(names[i], original.ParentId, parts[i].Definition ?? original.Definition, original.Inclusion, original.Exclusion, null, original.Color), cancellationToken);
            db.Codes.Add(code);
            created.Add(code);
        }

        await db.SaveChangesAsync(cancellationToken);
        for (var i = 0; i < parts.Count; i++)
        {
            foreach (var id in parts[i].CodingIds ?? [])
            {
                codings[id].CodeId = created[i].Id;
            }
        }

        await AuditTrail.AppendAsync(db, studyId, actor, Now(), CodebookAction.CodeSplit, codeId, original.Name,
            $"Split \u201c{original.Name}\u201d into {string.Join(", ", names.Select(Quote))}: {assigned.Count} of {codings.Count} coding(s) moved, {codings.Count - assigned.Count} stay with \u201c{original.Name}\u201d.",
            new
            {
                original = new { id = original.Id, name = original.Name },
                parts = created.Select((c, i) => new { id = c.Id, name = c.Name, codingsMoved = parts[i].CodingIds?.Count ?? 0 }),
                codingsRemaining = codings.Count - assigned.Count,
            }, reason, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return created;
    }

    /// <summary>Deletes a code with its codings and memos; its sub-codes move up to its parent.</summary>
    public async Task DeleteAsync(ResearchActor actor, long codeId, string reason, CancellationToken cancellationToken = default)
    {
        var (studyId, _) = await access.RequireCodeAsync(actor, codeId, StudyRight.Edit, cancellationToken);
        reason = RequireReason(reason);
        var code = await db.Codes.FirstAsync(c => c.Id == codeId, cancellationToken);
        var children = await db.Codes.Where(c => c.ParentId == codeId).ToListAsync(cancellationToken);
        foreach (var child in children)
        {
            await EnsureUniqueAsync(studyId, code.ParentId, child.Name, child.Id, cancellationToken);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var child in children)
        {
            child.ParentId = code.ParentId;
        }

        await db.SaveChangesAsync(cancellationToken);
        var codings = await db.Codings.CountAsync(c => c.CodeId == codeId, cancellationToken);
        var memos = await db.Memos.CountAsync(m => m.CodeId == codeId, cancellationToken);
        db.Codes.Remove(code);
        await AuditTrail.AppendAsync(db, studyId, actor, Now(), CodebookAction.CodeDeleted, codeId, code.Name,
            $"Deleted \u201c{code.Name}\u201d with {codings} coding(s) and {memos} memo(s); {children.Count} sub-code(s) moved up.",
            new { before = Snapshot(code), codingsDeleted = codings, memosDeleted = memos, subCodesMovedUp = children.Select(c => c.Name) }, reason, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<Theme> CreateThemeAsync(ResearchActor actor, long studyId, string name, string? description, long? parentId, string reason, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, studyId, StudyRight.Edit, cancellationToken);
        reason = RequireReason(reason);
        name = ValidName(name);
        if (parentId is { } parent && !await db.Themes.AnyAsync(t => t.Id == parent && t.StudyId == studyId, cancellationToken))
        {
            throw ResearchException.Invalid("The parent theme is not part of this study.");
        }

        if ((await db.Themes.Where(t => t.StudyId == studyId && t.ParentId == parentId).Select(t => t.Name).ToListAsync(cancellationToken)).Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            throw ResearchException.Invalid($"There is already a theme named \u201c{name}\u201d there.");
        }

        var theme = new Theme
        {
            StudyId = studyId,
            ParentId = parentId,
            Name = name,
            Description = Studies.Optional(description, 20_000),
            SortOrder = await db.Themes.CountAsync(t => t.StudyId == studyId && t.ParentId == parentId, cancellationToken),
            ExchangeId = Guid.NewGuid(),
        };
        db.Themes.Add(theme);
        await db.SaveChangesAsync(cancellationToken);
        await AuditTrail.AppendAsync(db, studyId, actor, Now(), CodebookAction.ThemeCreated, null, name,
            parentId is null ? $"Created theme \u201c{name}\u201d." : $"Created category \u201c{name}\u201d in \u201c{await ThemeNameAsync(parentId.Value, cancellationToken)}\u201d.",
            new { id = theme.Id, name, description = theme.Description }, reason, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return theme;
    }

    public async Task EditThemeAsync(ResearchActor actor, long themeId, string name, string? description, string reason, CancellationToken cancellationToken = default)
    {
        var studyId = await ThemeStudyAsync(actor, themeId, cancellationToken);
        reason = RequireReason(reason);
        var theme = await db.Themes.FirstAsync(t => t.Id == themeId, cancellationToken);
        var before = new { name = theme.Name, description = theme.Description };
        theme.Name = ValidName(name);
        theme.Description = Studies.Optional(description, 20_000);
        await AuditTrail.AppendAsync(db, studyId, actor, Now(), CodebookAction.ThemeEdited, null, theme.Name,
            $"Edited theme \u201c{before.name}\u201d.", new { before, after = new { name = theme.Name, description = theme.Description } }, reason, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task DeleteThemeAsync(ResearchActor actor, long themeId, string reason, CancellationToken cancellationToken = default)
    {
        var studyId = await ThemeStudyAsync(actor, themeId, cancellationToken);
        reason = RequireReason(reason);
        var theme = await db.Themes.FirstAsync(t => t.Id == themeId, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var child in await db.Themes.Where(t => t.ParentId == themeId).ToListAsync(cancellationToken))
        {
            child.ParentId = theme.ParentId;
        }

        await db.SaveChangesAsync(cancellationToken);
        db.Themes.Remove(theme);
        await AuditTrail.AppendAsync(db, studyId, actor, Now(), CodebookAction.ThemeDeleted, null, theme.Name,
            $"Deleted theme \u201c{theme.Name}\u201d.", new { id = theme.Id, name = theme.Name, description = theme.Description }, reason, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Sets which codes a theme or category groups.</summary>
    public async Task SetThemeCodesAsync(ResearchActor actor, long themeId, IReadOnlyCollection<long> codeIds, string reason, CancellationToken cancellationToken = default)
    {
        var studyId = await ThemeStudyAsync(actor, themeId, cancellationToken);
        reason = RequireReason(reason);
        var wanted = codeIds.Distinct().ToList();
        var codes = await db.Codes.Where(c => c.StudyId == studyId && wanted.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        if (codes.Count != wanted.Count)
        {
            throw ResearchException.Invalid("Every code must belong to this study.");
        }

        var theme = await db.Themes.FirstAsync(t => t.Id == themeId, cancellationToken);
        var current = await db.ThemeCodes.Where(l => l.ThemeId == themeId).ToListAsync(cancellationToken);
        var removed = current.Where(l => !wanted.Contains(l.CodeId)).ToList();
        var added = wanted.Except(current.Select(l => l.CodeId)).ToList();
        if (removed.Count == 0 && added.Count == 0)
        {
            return;
        }

        var removedNames = await db.Codes.Where(c => removed.Select(r => r.CodeId).Contains(c.Id)).Select(c => c.Name).ToListAsync(cancellationToken);
        db.ThemeCodes.RemoveRange(removed);
        db.ThemeCodes.AddRange(added.Select(id => new ThemeCode { ThemeId = themeId, CodeId = id }));
        await AuditTrail.AppendAsync(db, studyId, actor, Now(), CodebookAction.ThemeCodesChanged, null, theme.Name,
            $"\u201c{theme.Name}\u201d now groups {wanted.Count} code(s): added {added.Count}, removed {removed.Count}.",
            new { added = added.Select(id => codes[id]), removed = removedNames }, reason, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<long> ThemeStudyAsync(ResearchActor actor, long themeId, CancellationToken cancellationToken)
    {
        var studyId = await db.Themes.Where(t => t.Id == themeId).Select(t => (long?)t.StudyId).FirstOrDefaultAsync(cancellationToken);
        return (await access.RequireForAsync(actor, studyId, $"Theme {themeId}", StudyRight.Edit, cancellationToken)).StudyId;
    }

    internal async Task<Code> NewCodeAsync(long studyId, CodeInput input, CancellationToken cancellationToken)
    {
        var name = ValidName(input.Name);
        if (input.ParentId is { } parent && !await db.Codes.AnyAsync(c => c.Id == parent && c.StudyId == studyId, cancellationToken))
        {
            throw ResearchException.Invalid("The parent is not a code of this study.");
        }

        await EnsureUniqueAsync(studyId, input.ParentId, name, null, cancellationToken);
        var count = await db.Codes.CountAsync(c => c.StudyId == studyId, cancellationToken) + db.Codes.Local.Count(c => c.StudyId == studyId && c.Id == 0);
        return new Code
        {
            StudyId = studyId,
            ParentId = input.ParentId,
            Name = name,
            Definition = Studies.Optional(input.Definition, 20_000),
            Inclusion = Studies.Optional(input.Inclusion, 20_000),
            Exclusion = Studies.Optional(input.Exclusion, 20_000),
            Examples = Studies.Optional(input.Examples, 20_000),
            Color = ValidColor(input.Color) ?? Palette[count % Palette.Count],
            SortOrder = await db.Codes.CountAsync(c => c.StudyId == studyId && c.ParentId == input.ParentId, cancellationToken),
            ExchangeId = Guid.NewGuid(),
            CreatedAt = Now(),
        };
    }

    private async Task EnsureUniqueAsync(long studyId, long? parentId, string name, long? exceptId, CancellationToken cancellationToken)
    {
        var siblings = await db.Codes.Where(c => c.StudyId == studyId && c.ParentId == parentId && c.Id != exceptId).Select(c => c.Name).ToListAsync(cancellationToken);
        if (siblings.Concat(db.Codes.Local.Where(c => c.StudyId == studyId && c.ParentId == parentId && c.Id == 0).Select(c => c.Name)).Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            throw ResearchException.Invalid($"There is already a code named \u201c{name}\u201d there.");
        }
    }

    private async Task<Dictionary<long, long?>> ParentsAsync(long studyId, CancellationToken cancellationToken) =>
        await db.Codes.Where(c => c.StudyId == studyId).ToDictionaryAsync(c => c.Id, c => c.ParentId, cancellationToken);

    /// <summary>True when <paramref name="node"/> is <paramref name="ancestor"/> or lies beneath it.</summary>
    private static bool IsSelfOrDescendant(Dictionary<long, long?> parents, long node, long ancestor)
    {
        for (long? current = node; current is { } id; current = parents.GetValueOrDefault(id))
        {
            if (id == ancestor)
            {
                return true;
            }
        }

        return false;
    }

    private async Task<string> NameOfAsync(long codeId, CancellationToken cancellationToken) =>
        await db.Codes.Where(c => c.Id == codeId).Select(c => c.Name).FirstAsync(cancellationToken);

    private async Task<string> ThemeNameAsync(long themeId, CancellationToken cancellationToken) =>
        await db.Themes.Where(t => t.Id == themeId).Select(t => t.Name).FirstAsync(cancellationToken);

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;

    internal static string RequireReason(string? reason)
    {
        var trimmed = reason?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw ResearchException.Invalid("Every codebook change needs a reason: say why, for the audit trail.");
        }

        return trimmed.Length > 4000 ? trimmed[..4000] : trimmed;
    }

    internal static string ValidName(string? name) => Studies.Required(name, "A code needs a name.", MaxNameLength);

    internal static string? ValidColor(string? color)
    {
        if (string.IsNullOrWhiteSpace(color))
        {
            return null;
        }

        var trimmed = color.Trim();
        if (ShortColor().IsMatch(trimmed))
        {
            trimmed = "#" + string.Concat(trimmed[1..].Select(c => new string(c, 2)));
        }

        return ColorPattern().IsMatch(trimmed) ? trimmed.ToLowerInvariant() : throw ResearchException.Invalid("A colour is written #RRGGBB.");
    }

    private sealed record CodeSnapshot(string Name, string? Definition, string? Inclusion, string? Exclusion, string? Examples, string Color, long? ParentId);

    private static CodeSnapshot Snapshot(Code c) => new(c.Name, c.Definition, c.Inclusion, c.Exclusion, c.Examples, c.Color, c.ParentId);

    private static List<string> ChangedFields(CodeSnapshot before, CodeSnapshot after)
    {
        var changed = new List<string>();
        if (before.Name != after.Name)
        {
            changed.Add("name");
        }

        if (before.Definition != after.Definition)
        {
            changed.Add("definition");
        }

        if (before.Inclusion != after.Inclusion)
        {
            changed.Add("inclusion criteria");
        }

        if (before.Exclusion != after.Exclusion)
        {
            changed.Add("exclusion criteria");
        }

        if (before.Examples != after.Examples)
        {
            changed.Add("examples");
        }

        if (before.Color != after.Color)
        {
            changed.Add("colour");
        }

        return changed;
    }

    private static string Quote(string name) => name.StartsWith('(') ? name : $"\u201c{name}\u201d";

    [GeneratedRegex("^#[0-9A-Fa-f]{6}$")]
    private static partial Regex ColorPattern();

    [GeneratedRegex("^#[0-9A-Fa-f]{3}$")]
    private static partial Regex ShortColor();
}
