using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Hashtags;

namespace SoMeScholar.Core.Data;

public partial class ScholarDb
{
    public DbSet<HashtagEvent> HashtagEvents => Set<HashtagEvent>();
    public DbSet<EventHashtag> EventHashtags => Set<EventHashtag>();
    public DbSet<EventSession> EventSessions => Set<EventSession>();
    public DbSet<WallSettings> WallSettings => Set<WallSettings>();
    public DbSet<WallListEntry> WallListEntries => Set<WallListEntry>();
    public DbSet<WallPost> WallPosts => Set<WallPost>();
    public DbSet<WallDecision> WallDecisions => Set<WallDecision>();
    public DbSet<HashtagSegment> HashtagSegments => Set<HashtagSegment>();
    public DbSet<HashtagDirtyDay> HashtagDirtyDays => Set<HashtagDirtyDay>();
    public DbSet<HashtagSegmentState> HashtagSegmentStates => Set<HashtagSegmentState>();
}
