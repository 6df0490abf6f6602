using System.Reflection;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using SoMeScholar.Benchmarks;

// `list` shows every benchmark; a name runs that bench command; anything else goes to BenchmarkDotNet's switcher
// (e.g. `--filter *PageRank*`).
var commands = typeof(Program).Assembly.GetTypes()
    .Where(t => typeof(IBenchCommand).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
    .Select(t => (IBenchCommand)Activator.CreateInstance(t)!)
    .OrderBy(c => c.Name, StringComparer.Ordinal)
    .ToList();

if (args.Length == 0 || args[0] is "list" or "--help" or "-h")
{
    Console.WriteLine("SoMeScholar benchmarks. Usage: ./bench.sh <name> [options]");
    Console.WriteLine();
    foreach (var command in commands)
    {
        Console.WriteLine($"  {command.Name,-24} {command.Description}");
    }

    Console.WriteLine($"  {"--filter <pattern>",-24} BenchmarkDotNet micro-benchmarks ({string.Join(", ", BenchmarkClasses().Select(t => t.Name))})");
    return 0;
}

var chosen = commands.FirstOrDefault(c => string.Equals(c.Name, args[0], StringComparison.OrdinalIgnoreCase));
if (chosen is not null)
{
    using var cancel = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        cancel.Cancel();
    };
    return await chosen.RunAsync(args[1..], cancel.Token);
}

// In-process by default: BenchmarkDotNet's generated out-of-process project cannot restore here (the ASP.NET Core
// key-derivation package Core depends on is only in the shared framework, not on the NuGet mirror).
var config = ManualConfig.Create(DefaultConfig.Instance)
    .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).AsDefault());
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
return 0;

static IEnumerable<Type> BenchmarkClasses() => typeof(Program).Assembly.GetTypes()
    .Where(t => t.GetMethods().Any(m => m.GetCustomAttribute<BenchmarkDotNet.Attributes.BenchmarkAttribute>() is not null));

/// <summary>Entry point type, named so BenchmarkDotNet and reflection can find the assembly.</summary>
internal sealed partial class Program;
