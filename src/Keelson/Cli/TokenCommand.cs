using System.CommandLine;

namespace Keelson.Cli;

/// <summary><c>keelson token create|list|revoke</c>.</summary>
internal static class TokenCommand
{
    public static Command Create(ApiOptions api)
    {
        var name = new Option<string>("--name") { Description = "What the token is for, e.g. ci-deploy.", Required = true };
        var lifetime = new Option<string?>("--lifetime") { Description = "How long it works, e.g. 720h (default 90 days, at most a year)." };
        var owner = new Option<string?>("--owner") { Description = "Another user's token (admins only)." };
        var create = new Command("create", "Create an API token; its value is printed once.\n\nExample:\n  keelson token create --name ci-deploy --lifetime 720h") { name, lifetime, owner };
        api.SetAction(create, async s =>
        {
            var created = await s.Api.SendAsync(HttpMethod.Post, "api/v1/tokens", new { name = s.Parse.GetValue(name), lifetime = s.Parse.GetValue(lifetime), owner = s.Parse.GetValue(owner) }, s.Cancellation);
            await s.Output.WriteLineAsync(created?["value"]?.GetValue<string>());
            await s.Output.WriteLineAsync($"token {created?["token"]?["id"]} \"{created?["token"]?["name"]}\" expires {created?["token"]?["expiresAt"]}; keep the value above, it is not shown again");
        });

        var list = new Command("list", "List API tokens (values are never shown again).\n\nExample:\n  keelson token list") { owner };
        api.SetAction(list, async s => await s.PrintAsync(
            await s.Api.GetAsync("api/v1/tokens?limit=1000" + (s.Parse.GetValue(owner) is { } o ? $"&owner={Uri.EscapeDataString(o)}" : ""), s.Cancellation),
            new Printer.Column("ID", t => Printer.Text(t["id"])),
            new Printer.Column("NAME", t => Printer.Text(t["name"])),
            new Printer.Column("EXPIRES", t => Printer.Text(t["expiresAt"])),
            new Printer.Column("REVOKED", t => Printer.Text(t["revokedAt"])),
            new Printer.Column("LAST USED", t => Printer.Text(t["lastUsedAt"]))));

        var id = new Argument<long>("id") { Description = "The token's id (from token list)." };
        var revoke = new Command("revoke", "Revoke an API token at once.\n\nExample:\n  keelson token revoke 12") { id, owner };
        api.SetAction(revoke, async s =>
        {
            await s.Api.SendAsync(HttpMethod.Delete, $"api/v1/tokens/{s.Parse.GetValue(id)}" + (s.Parse.GetValue(owner) is { } o ? $"?owner={Uri.EscapeDataString(o)}" : ""), null, s.Cancellation);
            await s.Output.WriteLineAsync($"token {s.Parse.GetValue(id)} revoked");
        });
        return api.Group("token", "Manage API tokens for the CLI and automation.", create, list, revoke);
    }
}
