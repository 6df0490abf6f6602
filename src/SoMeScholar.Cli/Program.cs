using System.CommandLine;
using SoMeScholar.Cli.Commands;
using SoMeScholar.Core.Data;

return await SoMeScholar.Cli.SomescholarCli.RunAsync(args);

namespace SoMeScholar.Cli
{
    /// <summary>The `somescholar` command: every capability's commands, sharing --data/--database and --quiet.</summary>
    public static class SomescholarCli
    {
        public static RootCommand Build()
        {
            var root = new RootCommand("SoMeScholar: archive, analyse and report scholarly social media in the health professions.")
            {
                CliContext.Data,
                CliContext.Database,
                CliContext.Quiet,
            };
            root.Subcommands.Add(ServeCommand.Create());
            root.Subcommands.Add(DemoCommand.Create());
            root.Subcommands.Add(DbCommands.Create());
            root.Subcommands.Add(UsersCommands.Create());
            root.Subcommands.Add(CheckCommands.Create());
            root.Subcommands.Add(ResourcesCommands.Create());
            ArchiveCommands.Create().ToList().ForEach(root.Subcommands.Add);
            root.Subcommands.Add(MentorsCommands.Create());
            root.Subcommands.Add(ReportCommands.Create());
            root.Subcommands.Add(PortfolioCommands.Dossier());
            root.Subcommands.Add(ResearchCommands.Create());
            root.Subcommands.Add(NetworkCommands.Create());
            return root;
        }

        public static async Task<int> RunAsync(string[] args)
        {
            try
            {
                // Our own handler below prints configuration errors as one line; anything else is a bug and keeps its trace.
                return await Build().Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
            }
            catch (StoreConfigurationException e)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return 2;
            }
            catch (OperationCanceledException)
            {
                await Console.Error.WriteLineAsync("cancelled");
                return 130;
            }
        }
    }
}
