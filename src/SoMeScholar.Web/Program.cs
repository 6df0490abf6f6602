using SoMeScholar.Web;

return await ScholarWebApp.RunAsync(args);

/// <summary>The web host's entry point; named so integration tests can start it with WebApplicationFactory.</summary>
public partial class Program;
