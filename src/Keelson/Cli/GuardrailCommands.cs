using System.CommandLine;
using System.Text.Json.Nodes;

namespace Keelson.Cli;

/// <summary><c>keelson brake on|off|status</c>, <c>keelson circuit list|reset</c>, <c>keelson budget list|set|reset</c>.</summary>
internal static class GuardrailCommands
{
    public static Command CreateBrake(ApiOptions api)
    {
        var onReason = new Option<string>("--reason") { Description = "Why the brake is pulled (required).", Required = true };
        var on = new Command("on", "Pull the emergency brake: every destructive action fleet-wide (deletions, evictions, cordons, scales to zero) is braked until it is released.\n\nExample:\n  keelson brake on --reason \"incident 4711: bad kernel rollout\"")
        {
            onReason,
        };
        api.SetAction(on, async s =>
        {
            var brake = await s.Api.SendAsync(HttpMethod.Post, "api/v1/guardrails/brake", new { reason = s.Parse.GetValue(onReason) }, s.Cancellation);
            await s.Output.WriteLineAsync($"emergency brake ON (pulled by {Printer.Text(brake?["engagedBy"])}): destructive actions are braked until keelson brake off");
        });

        var offReason = new Option<string?>("--reason") { Description = "Why it is safe to go on." };
        var off = new Command("off", "Release the emergency brake (platform admins). Braked runs stay braked until resumed.\n\nExample:\n  keelson brake off --reason \"rolled back\"") { offReason };
        api.SetAction(off, async s =>
        {
            var reason = s.Parse.GetValue(offReason);
            await s.Api.SendAsync(HttpMethod.Delete, "api/v1/guardrails/brake" + (reason is null ? "" : "?reason=" + Uri.EscapeDataString(reason)), null, s.Cancellation);
            await s.Output.WriteLineAsync("emergency brake released; resume braked runs with keelson run resume");
        });

        var status = new Command("status", "Show whether the emergency brake is on, and the open circuits.\n\nExample:\n  keelson brake status");
        api.SetAction(status, async s =>
        {
            var result = await s.Api.GetAsync("api/v1/guardrails", s.Cancellation);
            if (s.Format != OutputFormat.Table)
            {
                await s.PrintAsync(result);
                return;
            }

            var brake = result?["brake"];
            await s.Output.WriteLineAsync(brake?["engaged"]?.GetValue<bool>() == true
                ? $"emergency brake: ON since {Printer.Text(brake["engagedAt"])} by {Printer.Text(brake["engagedBy"])}: {Printer.Text(brake["reason"])}"
                : "emergency brake: off");
            var circuits = result?["circuits"] as JsonArray ?? [];
            await s.Output.WriteLineAsync(circuits.Count == 0 ? "circuits: all closed" : $"circuits: {circuits.Count} open (keelson circuit list)");
        });
        return api.Group("brake", "The emergency brake: stop every destructive action fleet-wide at once.", on, off, status);
    }

    public static Command CreateCircuit(ApiOptions api)
    {
        var list = new Command("list", "Show open and half-open circuits: the budget that ran out and the run that ran it out.\n\nExample:\n  keelson circuit list");
        api.SetAction(list, async s => await s.PrintAsync(
            await s.Api.GetAsync("api/v1/guardrails/circuits", s.Cancellation),
            new Printer.Column("SCOPE", c => Printer.Text(c["scope"])),
            new Printer.Column("STATE", c => Printer.Text(c["state"])),
            new Printer.Column("OPENED", c => Printer.Text(c["openedAt"])),
            new Printer.Column("RUN", c => Printer.Text(c["runId"])),
            new Printer.Column("BUDGET", c => Printer.Text(c["budget"]))));

        var scope = new Argument<string>("scope") { Description = "fleet or cluster/NAME." };
        var reason = new Option<string?>("--reason") { Description = "Why it is safe to go on." };
        var reset = new Command("reset", "Close a circuit (platform admins); then resume the braked runs.\n\nExample:\n  keelson circuit reset cluster/prod-a --reason \"runaway flow cancelled\"") { scope, reason };
        api.SetAction(reset, async s =>
        {
            await s.Api.SendAsync(HttpMethod.Post, "api/v1/guardrails/circuits/reset", new { scope = s.Parse.GetValue(scope), reason = s.Parse.GetValue(reason) }, s.Cancellation);
            await s.Output.WriteLineAsync($"circuit {s.Parse.GetValue(scope)} closed");
        });
        return api.Group("circuit", "Circuits that open when a guardrail budget runs out.", list, reset);
    }

    public static Command CreateBudget(ApiOptions api)
    {
        var list = new Command("list", "Show every budget in force and what it has used.\n\nExample:\n  keelson budget list");
        api.SetAction(list, async s => await s.PrintAsync(
            await s.Api.GetAsync("api/v1/guardrails/budgets", s.Cancellation),
            new Printer.Column("VERB", b => Printer.Text(b["verb"])),
            new Printer.Column("KIND", b => Printer.Text(b["kind"])),
            new Printer.Column("SCOPE", b => Printer.Text(b["scope"])),
            new Printer.Column("WINDOW", b => Printer.Text(b["window"])),
            new Printer.Column("LIMIT", b => b["limit"] is null ? "none" : Printer.Text(b["limit"])),
            new Printer.Column("USED", b => Printer.Labels(b["used"])),
            new Printer.Column("SOURCE", b => b["isDefault"]?.GetValue<bool>() == true ? "default" : $"set by {Printer.Text(b["updatedBy"])}")));

        var (verb, kind, scope, window) = Key();
        var limit = new Option<long?>("--limit") { Description = "Objects allowed in the window." };
        var unlimited = new Option<bool>("--unlimited") { Description = "Lift the limit." };
        var set = new Command("set", "Set one budget (platform admins).\n\nExamples:\n  keelson budget set evict Pod --window 1m --limit 20\n  keelson budget set delete '*' --scope fleet --window 24h --limit 500\n  keelson budget set cordon Node --window 1h --unlimited")
        {
            verb, kind, scope, window, limit, unlimited,
        };
        api.SetAction(set, async s =>
        {
            if (s.Parse.GetValue(limit) is null == !s.Parse.GetValue(unlimited))
            {
                throw new CliException(ExitCodes.BadInput, "give either --limit N or --unlimited");
            }

            var budget = await s.Api.SendAsync(HttpMethod.Put, "api/v1/guardrails/budgets", new
            {
                verb = s.Parse.GetValue(verb),
                kind = s.Parse.GetValue(kind),
                scope = s.Parse.GetValue(scope),
                window = s.Parse.GetValue(window),
                limit = s.Parse.GetValue(limit),
            }, s.Cancellation);
            await s.Output.WriteLineAsync($"budget {Printer.Text(budget?["verb"])} {Printer.Text(budget?["kind"])} per {Printer.Text(budget?["scope"])} over {Printer.Text(budget?["window"])}: limit {(budget?["limit"] is null ? "none" : Printer.Text(budget["limit"]))}");
        });

        var (resetVerb, resetKind, resetScope, resetWindow) = Key();
        var reset = new Command("reset", "Undo an admin's change of a budget: back to its default (or removed if it was added).\n\nExample:\n  keelson budget reset evict Pod --window 1m")
        {
            resetVerb, resetKind, resetScope, resetWindow,
        };
        api.SetAction(reset, async s =>
        {
            var path = string.Join('/', new[] { s.Parse.GetValue(resetVerb), s.Parse.GetValue(resetKind), s.Parse.GetValue(resetScope), s.Parse.GetValue(resetWindow) }.Select(p => Uri.EscapeDataString(p ?? "")));
            await s.Api.SendAsync(HttpMethod.Delete, $"api/v1/guardrails/budgets/{path}", null, s.Cancellation);
            await s.Output.WriteLineAsync("budget back to its default");
        });
        return api.Group("budget", "Guardrail token budgets for destructive actions.", list, set, reset);
    }

    private static (Argument<string> Verb, Argument<string> Kind, Option<string> Scope, Option<string> Window) Key() =>
    (
        new Argument<string>("verb") { Description = "delete, evict, cordon or scale-to-zero." },
        new Argument<string>("kind") { Description = "The kind (Pod, Node, Deployment...), or * for every kind." },
        new Option<string>("--scope") { Description = "cluster (each cluster on its own) or fleet.", DefaultValueFactory = _ => "cluster" },
        new Option<string>("--window") { Description = "1m, 5m, 1h or 24h.", Required = true }
    );
}
