using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Resources;
using SoMeScholar.Core.Reviews;

namespace SoMeScholar.Core.Data;

public partial class ScholarDb
{
    public DbSet<Resource> Resources => Set<Resource>();
    public DbSet<ResourceAuthor> ResourceAuthors => Set<ResourceAuthor>();
    public DbSet<ResourceTopic> ResourceTopics => Set<ResourceTopic>();
    public DbSet<ResourceVersion> ResourceVersions => Set<ResourceVersion>();
    public DbSet<ResourceSnapshot> ResourceSnapshots => Set<ResourceSnapshot>();
    public DbSet<Endorsement> Endorsements => Set<Endorsement>();
    public DbSet<VerifiedExpert> VerifiedExperts => Set<VerifiedExpert>();
    public DbSet<UptakeReport> UptakeReports => Set<UptakeReport>();
    public DbSet<PostLinkUrl> PostLinkUrls => Set<PostLinkUrl>();
    public DbSet<ReviewInstrument> ReviewInstruments => Set<ReviewInstrument>();
    public DbSet<ReviewAssignment> ReviewAssignments => Set<ReviewAssignment>();
    public DbSet<Review> Reviews => Set<Review>();
    public DbSet<ReviewItemScore> ReviewItemScores => Set<ReviewItemScore>();
}
