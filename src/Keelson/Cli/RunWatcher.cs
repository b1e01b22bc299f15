using System.Globalization;
using System.Text.Json.Nodes;

namespace Keelson.Cli;

/// <summary>Follows a run over the server's event stream and prints its progress; the run's end decides the exit code.</summary>
internal static class RunWatcher
{
    private static readonly TimeSpan ReconnectFor = TimeSpan.FromMinutes(3);

    private static readonly Printer.Column[] TaskColumns =
    [
        new("TASK", t => Printer.Text(t["name"]) + (t["item"] is { } i ? $"[{Printer.Text(i)}]" : "")),
        new("EXECUTOR", t => Printer.Text(t["uses"])),
        new("STATE", t => Printer.Text(t["state"])),
        new("ATTEMPT", t => Printer.Text(t["attempt"])),
        new("ELAPSED", t => Elapsed(t["startedAt"], t["finishedAt"])),
        new("NOW", t => Printer.Text(t["error"] ?? t["waitingFor"])),
    ];

    /// <summary>Prints events until the run ends; throws (exit 1) when it did not succeed.</summary>
    public static async Task WatchAsync(ApiSession s, long id)
    {
        var runPath = $"api/v1/runs/{id.ToString(CultureInfo.InvariantCulture)}";
        var run = await s.Api.GetAsync(runPath, s.Cancellation);
        var table = s.Format == OutputFormat.Table;
        if (table)
        {
            await s.Output.WriteLineAsync($"watching run {id} of {run?["flow"]} v{run?["version"]} ({run?["state"]}); Ctrl+C stops watching, not the run");
        }

        long after = 0;
        var brokenSince = (DateTimeOffset?)null;
        var ended = false;
        while (!ended)
        {
            try
            {
                string? type = null;
                string? data = null;
                await foreach (var line in s.Api.StreamLinesAsync($"{runPath}/events/stream?after={after.ToString(CultureInfo.InvariantCulture)}", s.Cancellation))
                {
                    brokenSince = null;
                    if (line.StartsWith("event: ", StringComparison.Ordinal))
                    {
                        type = line[7..];
                    }
                    else if (line.StartsWith("data: ", StringComparison.Ordinal))
                    {
                        data = line[6..];
                    }
                    else if (line.Length == 0 && type is not null)
                    {
                        if (type == "end")
                        {
                            ended = true;
                            break;
                        }

                        var e = JsonNode.Parse(data ?? "{}");
                        after = e?["id"]?.GetValue<long>() ?? after;
                        if (table)
                        {
                            await s.Output.WriteLineAsync(EventLine(e));
                        }

                        (type, data) = (null, null);
                    }
                }
            }
            catch (CliException e) when (e.ExitCode == ExitCodes.Failed && !s.Cancellation.IsCancellationRequested)
            {
                // The server restarted or a replica went away: another one serves the same run.
                var announce = brokenSince is null;
                brokenSince ??= DateTimeOffset.UtcNow;
                if (DateTimeOffset.UtcNow - brokenSince > ReconnectFor)
                {
                    throw;
                }

                if (table && announce)
                {
                    await s.Output.WriteLineAsync($"(lost the server: {e.Message}; reconnecting)");
                }

                await Task.Delay(TimeSpan.FromSeconds(1), s.Cancellation);
                continue;
            }

            if (!ended)
            {
                // The stream closed without an end event (a server stopping): reconnect.
                await Task.Delay(TimeSpan.FromMilliseconds(500), s.Cancellation);
            }
        }

        run = await s.Api.GetAsync(runPath, s.Cancellation);
        var state = Printer.Text(run?["state"]);
        if (table)
        {
            await s.Output.WriteLineAsync();
            await Printer.PrintAsync(s.Output, OutputFormat.Table, run?["tasks"], TaskColumns);
            await s.Output.WriteLineAsync();
            await s.Output.WriteLineAsync($"run {id} of {run?["flow"]} {state} after {Elapsed(run?["startedAt"] ?? run?["createdAt"], run?["finishedAt"])}{(run?["reason"] is { } r ? $": {Printer.Text(r)}" : "")}");
        }
        else
        {
            await s.PrintAsync(run, RunCommand.Columns);
        }

        if (state != "succeeded")
        {
            throw new CliException(ExitCodes.Failed, $"run {id} {state}{(run?["reason"] is { } why ? $": {Printer.Text(why)}" : "")} (keelson run get {id} shows each task)");
        }
    }

    /// <summary>A run (table form): its header, then its tasks.</summary>
    public static async Task PrintRunAsync(TextWriter output, JsonNode run)
    {
        await output.WriteLineAsync($"Run:        {run["id"]} of {run["flow"]} v{run["version"]}");
        await output.WriteLineAsync($"State:      {Printer.Text(run["state"])}{(run["reason"] is { } r ? $" ({Printer.Text(r)})" : "")}");
        await output.WriteLineAsync($"Started by: {Printer.Text(run["createdBy"])}, {Printer.Age(run["createdAt"])} ago; elapsed {Elapsed(run["startedAt"], run["finishedAt"])}");
        await output.WriteLineAsync($"Params:     {(run["params"] is JsonObject p ? string.Join(" ", p.Where(kv => kv.Value is not null).Select(kv => $"{kv.Key}={Printer.Text(kv.Value)}")) : "")}");
        if (run["owner"] is { } owner)
        {
            await output.WriteLineAsync($"Replica:    {Printer.Text(owner)}");
        }

        await output.WriteLineAsync();
        await Printer.PrintAsync(output, OutputFormat.Table, run["tasks"], TaskColumns);
    }

    /// <summary>How long from <paramref name="start"/> to <paramref name="end"/> (or now), as 1m5s; empty before the start.</summary>
    public static string Elapsed(JsonNode? start, JsonNode? end)
    {
        if (!DateTimeOffset.TryParse(Printer.Text(start), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var from))
        {
            return "";
        }

        var to = DateTimeOffset.TryParse(Printer.Text(end), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : DateTimeOffset.UtcNow;
        var span = to - from;
        return span.TotalHours >= 1 ? $"{(int)span.TotalHours}h{span.Minutes}m"
            : span.TotalMinutes >= 1 ? $"{(int)span.TotalMinutes}m{span.Seconds}s"
            : $"{Math.Max(0, span.TotalSeconds).ToString("0.0", CultureInfo.InvariantCulture)}s";
    }

    private static string EventLine(JsonNode? e)
    {
        var at = DateTimeOffset.TryParse(Printer.Text(e?["at"]), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture) : "";
        return $"{at}  {Printer.Text(e?["type"]),-15} {Printer.Text(e?["message"])}";
    }
}
