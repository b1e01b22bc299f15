using System.CommandLine;

namespace Keelson.Cli;

/// <summary><c>keelson team</c> and <c>keelson grant</c>: who may do what, where.</summary>
internal static class TeamCommand
{
    public static Command CreateTeams(ApiOptions api)
    {
        var name = new Argument<string>("name") { Description = "The team." };
        var create = new Command("create", "Create a team.\n\nExample:\n  keelson team create sre") { name };
        api.SetAction(create, async s =>
        {
            await s.Api.SendAsync(HttpMethod.Post, "api/v1/teams", new { name = s.Parse.GetValue(name) }, s.Cancellation);
            await s.Output.WriteLineAsync($"team {s.Parse.GetValue(name)} created");
        });

        var list = new Command("list", "List teams and members.");
        api.SetAction(list, async s => await s.PrintAsync(
            await s.Api.GetAsync("api/v1/teams?limit=1000", s.Cancellation),
            new Printer.Column("NAME", t => Printer.Text(t["name"])),
            new Printer.Column("MEMBERS", t => string.Join(",", t["members"]!.AsArray().Select(Printer.Text)))));

        var deleteName = new Argument<string>("name") { Description = "The team." };
        var delete = new Command("delete", "Delete a team and its grants.") { deleteName };
        api.SetAction(delete, async s =>
        {
            await s.Api.SendAsync(HttpMethod.Delete, $"api/v1/teams/{Uri.EscapeDataString(s.Parse.GetValue(deleteName)!)}", null, s.Cancellation);
            await s.Output.WriteLineAsync($"team {s.Parse.GetValue(deleteName)} deleted");
        });

        Command Member(string verb, HttpMethod method, string done)
        {
            var team = new Argument<string>("team") { Description = "The team." };
            var user = new Argument<string>("user") { Description = "The user." };
            var command = new Command(verb, $"{char.ToUpperInvariant(verb[0])}{verb[1..].Replace('-', ' ')} of a team.\n\nExample:\n  keelson team {verb} sre alice") { team, user };
            api.SetAction(command, async s =>
            {
                await s.Api.SendAsync(method, $"api/v1/teams/{Uri.EscapeDataString(s.Parse.GetValue(team)!)}/members/{Uri.EscapeDataString(s.Parse.GetValue(user)!)}", null, s.Cancellation);
                await s.Output.WriteLineAsync($"{s.Parse.GetValue(user)} {done} {s.Parse.GetValue(team)}");
            });
            return command;
        }

        return api.Group("team", "Manage teams; grants given to a team apply to its members.",
            create, list, delete, Member("add-member", HttpMethod.Put, "added to"), Member("remove-member", HttpMethod.Delete, "removed from"));
    }

    public static Command CreateGrants(ApiOptions api)
    {
        var user = new Option<string?>("--user") { Description = "Grant to this user." };
        var team = new Option<string?>("--team") { Description = "Grant to this team." };
        var role = new Option<string>("--role") { Description = "viewer (read), operator (change workloads, nodes, flows) or admin (also register clusters, manage access).", Required = true };
        var platform = new Option<bool>("--platform") { Description = "On Keelson itself: users, teams, grants, audit." };
        var all = new Option<bool>("--all-clusters") { Description = "On every cluster." };
        var clusters = new Option<string?>("--clusters") { Description = "On these clusters, comma-separated." };
        var selector = new Option<string?>("--selector") { Description = "On clusters whose tags match, e.g. env=production." };
        var create = new Command("create", """
            Grant a role to a user or a team, over one scope.

            Examples:
              keelson grant create --team sre --role operator --selector env=production
              keelson grant create --user alice --role viewer --clusters prod-a,prod-b
              keelson grant create --user bob --role admin --platform
            """)
        {
            user, team, role, platform, all, clusters, selector,
        };
        api.SetAction(create, async s =>
        {
            var scopes = new (bool Given, string Scope)[]
            {
                (s.Parse.GetValue(platform), "platform"),
                (s.Parse.GetValue(all), "all"),
                (s.Parse.GetValue(clusters) is not null, "clusters"),
                (s.Parse.GetValue(selector) is not null, "selector"),
            }.Where(x => x.Given).ToList();
            if (scopes.Count != 1)
            {
                throw new CliException(ExitCodes.BadInput, "give exactly one scope: --platform, --all-clusters, --clusters a,b or --selector env=production");
            }

            var grant = await s.Api.SendAsync(HttpMethod.Post, "api/v1/grants", new
            {
                user = s.Parse.GetValue(user),
                team = s.Parse.GetValue(team),
                role = s.Parse.GetValue(role),
                scope = scopes[0].Scope,
                clusters = s.Parse.GetValue(clusters)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                selector = s.Parse.GetValue(selector),
            }, s.Cancellation);
            await s.Output.WriteLineAsync($"grant {grant?["id"]}: {grant?["role"]} on {grant?["scope"]} for {grant?["user"] ?? grant?["team"]}");
        });

        var list = new Command("list", "List grants, optionally of one user or team.") { user, team };
        api.SetAction(list, async s =>
        {
            var filter = s.Parse.GetValue(user) is { } u ? $"&user={Uri.EscapeDataString(u)}" : s.Parse.GetValue(team) is { } t ? $"&team={Uri.EscapeDataString(t)}" : "";
            await s.PrintAsync(
                await s.Api.GetAsync("api/v1/grants?limit=1000" + filter, s.Cancellation),
                new Printer.Column("ID", g => Printer.Text(g["id"])),
                new Printer.Column("SUBJECT", g => g["user"] is { } gu ? $"user {Printer.Text(gu)}" : $"team {Printer.Text(g["team"])}"),
                new Printer.Column("ROLE", g => Printer.Text(g["role"])),
                new Printer.Column("SCOPE", g => Printer.Text(g["scope"])),
                new Printer.Column("BY", g => Printer.Text(g["createdBy"])));
        });

        var id = new Argument<long>("id") { Description = "The grant's id (from grant list)." };
        var revoke = new Command("revoke", "Revoke a grant.") { id };
        api.SetAction(revoke, async s =>
        {
            await s.Api.SendAsync(HttpMethod.Delete, $"api/v1/grants/{s.Parse.GetValue(id)}", null, s.Cancellation);
            await s.Output.WriteLineAsync($"grant {s.Parse.GetValue(id)} revoked");
        });
        return api.Group("grant", "Give users and teams roles on Keelson and on clusters.", create, list, revoke);
    }
}
