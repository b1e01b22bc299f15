using System.CommandLine;

namespace Keelson.Cli;

/// <summary><c>keelson user create|list|disable|enable|set-password</c>.</summary>
internal static class UserCommand
{
    public static Command Create(ApiOptions api)
    {
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from standard input." };
        var createName = new Argument<string>("name") { Description = "The user name (lower-case letters, digits, . _ @ -)." };
        var create = new Command("create", "Create a user (an admin task).\n\nExample:\n  keelson user create alice") { createName, passwordStdin };
        api.SetAction(create, async s =>
        {
            var password = await Secrets.ReadAsync("Password for the new user: ", s.Parse.GetValue(passwordStdin), s.Output);
            var user = await s.Api.SendAsync(HttpMethod.Post, "api/v1/users", new { name = s.Parse.GetValue(createName), password }, s.Cancellation);
            await s.Output.WriteLineAsync($"user {user?["name"]} created");
        });

        var list = new Command("list", "List users.\n\nExample:\n  keelson user list");
        api.SetAction(list, async s => await s.PrintAsync(
            await s.Api.GetAsync("api/v1/users?limit=1000", s.Cancellation),
            new Printer.Column("NAME", u => Printer.Text(u["name"])),
            new Printer.Column("DISABLED", u => Printer.Text(u["disabled"])),
            new Printer.Column("PASSWORD CHANGED", u => Printer.Age(u["passwordChangedAt"])),
            new Printer.Column("AGE", u => Printer.Age(u["createdAt"]))));

        Command Toggle(string verb, string description)
        {
            var name = new Argument<string>("name") { Description = "The user." };
            var command = new Command(verb, description) { name };
            api.SetAction(command, async s =>
            {
                await s.Api.SendAsync(HttpMethod.Post, $"api/v1/users/{Uri.EscapeDataString(s.Parse.GetValue(name)!)}/{verb}", null, s.Cancellation);
                await s.Output.WriteLineAsync($"user {s.Parse.GetValue(name)} {verb}d");
            });
            return command;
        }

        var passwordName = new Argument<string>("name") { Description = "The user (yourself, or anyone for an admin)." };
        var setPassword = new Command("set-password", "Set a user's password.\n\nExample:\n  keelson user set-password admin") { passwordName, passwordStdin };
        api.SetAction(setPassword, async s =>
        {
            var password = await Secrets.ReadAsync("New password: ", s.Parse.GetValue(passwordStdin), s.Output);
            await s.Api.SendAsync(HttpMethod.Put, $"api/v1/users/{Uri.EscapeDataString(s.Parse.GetValue(passwordName)!)}/password", new { password }, s.Cancellation);
            await s.Output.WriteLineAsync($"password of {s.Parse.GetValue(passwordName)} changed; their console sessions ended");
        });

        return api.Group("user", "Manage Keelson's local users.",
            create, list,
            Toggle("disable", "Disable a user: their sessions end and their tokens stop working.\n\nExample:\n  keelson user disable bob"),
            Toggle("enable", "Enable a disabled user.\n\nExample:\n  keelson user enable bob"),
            setPassword);
    }
}
