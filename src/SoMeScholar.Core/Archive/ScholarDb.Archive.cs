using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Archive;

namespace SoMeScholar.Core.Data;

public partial class ScholarDb
{
    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<FollowerSnapshot> FollowerSnapshots => Set<FollowerSnapshot>();
    public DbSet<Post> Posts => Set<Post>();
    public DbSet<PostHashtag> PostHashtags => Set<PostHashtag>();
    public DbSet<PostLink> PostLinks => Set<PostLink>();
    public DbSet<PostMedia> PostMedia => Set<PostMedia>();
    public DbSet<Interaction> Interactions => Set<Interaction>();
    public DbSet<ImportRun> ImportRuns => Set<ImportRun>();
    public DbSet<QuarantinedRecord> QuarantinedRecords => Set<QuarantinedRecord>();
    public DbSet<Tombstone> Tombstones => Set<Tombstone>();
    public DbSet<FetchCursor> FetchCursors => Set<FetchCursor>();
}
