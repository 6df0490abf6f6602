using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Cli.Commands;

public static class UsersCommands
{
    public static Command Create()
    {
        var users = new Command("users", "Sign-in accounts and their roles (administrator, moderator, reviewer, member).");
        users.Subcommands.Add(Add());
        users.Subcommands.Add(List());
        users.Subcommands.Add(SetRole());
        return users;
    }

    private static Option<string> RoleOption() => new Option<string>("--role", "-r")
    {
        Description = "administrator, moderator, reviewer or member.",
        DefaultValueFactory = _ => Roles.Member,
    }.AcceptOnlyFromAmong([.. Roles.Assignable]);

    private static Command Add()
    {
        var name = new Argument<string>("name") { Description = "User name." };
        var role = RoleOption();
        var email = new Option<string?>("--email") { Description = "E-mail address." };
        var passwordFromStdin = new Option<bool>("--password-stdin") { Description = "Read the password from standard input instead of generating one." };
        var command = new Command("add", "Add a user. Without --password-stdin a random password is generated and printed once.") { name, role, email, passwordFromStdin };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = await CliContext.OpenAsync(parse, cancellationToken);
            await using var scope = services.CreateAsyncScope();
            var administration = scope.ServiceProvider.GetRequiredService<UserAdministration>();
            var password = parse.GetValue(passwordFromStdin) ? (await Console.In.ReadLineAsync(cancellationToken))?.Trim() : null;
            var generated = password is null;
            try
            {
                var (user, used) = await administration.AddAsync(parse.GetValue(name)!, parse.GetValue(email), parse.GetValue(role)!, password, mustChangePassword: generated);
                Console.WriteLine($"Added {user.UserName} ({parse.GetValue(role)}).");
                if (generated)
                {
                    Console.WriteLine($"One-time password: {used}  (it must be changed at first sign-in)");
                }

                return 0;
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static Command List()
    {
        var format = Output.FormatOption();
        var command = new Command("list", "List users and their roles.") { format };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = await CliContext.OpenAsync(parse, cancellationToken);
            await using var scope = services.CreateAsyncScope();
            var users = await scope.ServiceProvider.GetRequiredService<UserAdministration>().ListAsync();
            Output.WriteTable(parse.GetValue(format), ["userName", "email", "roles", "createdAt", "lockedOut"],
                users.Select(u => (IReadOnlyList<object?>)[u.UserName, u.Email, string.Join(" ", u.Roles), u.CreatedAt, u.LockedOut]).ToList(),
                users.Select(u => new { u.UserName, u.Email, u.Roles, u.CreatedAt, u.LockedOut }).ToList());
            return 0;
        });
        return command;
    }

    private static Command SetRole()
    {
        var name = new Argument<string>("name") { Description = "User name or e-mail." };
        var role = new Argument<string>("role") { Description = "administrator, moderator, reviewer or member." }.AcceptOnlyFromAmong([.. Roles.Assignable]);
        var command = new Command("set-role", "Give a user a role (replacing their previous role; everyone stays a member).") { name, role };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = await CliContext.OpenAsync(parse, cancellationToken);
            await using var scope = services.CreateAsyncScope();
            try
            {
                await scope.ServiceProvider.GetRequiredService<UserAdministration>().SetRoleAsync(parse.GetValue(name)!, parse.GetValue(role)!);
                Console.WriteLine($"{parse.GetValue(name)} is now {parse.GetValue(role)}.");
                return 0;
            }
            catch (ArgumentException e)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
