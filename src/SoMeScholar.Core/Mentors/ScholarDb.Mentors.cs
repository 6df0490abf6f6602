using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Mentors;

namespace SoMeScholar.Core.Data;

public partial class ScholarDb
{
    public DbSet<MentorProfile> MentorProfiles => Set<MentorProfile>();
    public DbSet<TraineeRequest> TraineeRequests => Set<TraineeRequest>();
    public DbSet<MentorIntroduction> MentorIntroductions => Set<MentorIntroduction>();
    public DbSet<MentorBlock> MentorBlocks => Set<MentorBlock>();
    public DbSet<MentorNotification> MentorNotifications => Set<MentorNotification>();
}
