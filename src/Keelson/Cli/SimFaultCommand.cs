using System.CommandLine;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Keelson.Kubernetes.Config;
using Keelson.Kubernetes.Http;

namespace Keelson.Cli;

/// <summary><c>keelson sim fault</c>: inject, list and clear faults in a running simulator.</summary>
internal static class SimFaultCommand
{
    public static Command Create()
    {
        var kubeconfig = new Option<string>("--kubeconfig")
        {
            Description = "The kubeconfig keelson sim wrote (its contexts name the clusters).",
            DefaultValueFactory = _ => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".keelson", "sim.kubeconfig"),
            Recursive = true,
        };
        var cluster = new Option<string>("--cluster", "-c") { Description = "The simulated cluster (a context of the kubeconfig).", Required = true };

        var type = new Argument<string>("type") { Description = "The fault type (see keelson sim fault types)." };
        var set = new Option<string[]>("--set") { Description = "A parameter NAME=VALUE (repeatable), e.g. --set node=prod-east-general-0003.", AllowMultipleArgumentsPerToken = false };
        var duration = new Option<string?>("--duration") { Description = "Clear the fault after this long (e.g. 5m); without it the fault lasts until cleared." };
        var inject = new Command("inject", "Inject a fault.\n\nExamples:\n  keelson sim fault inject nodeDown -c prod-east --set node=prod-east-general-0003 --duration 5m\n  keelson sim fault inject apiErrors -c staging --set code=429 --set rate=0.3") { type, cluster, set, duration };
        inject.SetAction((parse, ct) => RunAsync(parse, async (http, root, name) =>
        {
            var parameters = new JsonObject();
            foreach (var pair in parse.GetValue(set) ?? [])
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    throw new FormatException($"--set \"{pair}\" is not NAME=VALUE, e.g. --set node=NODE");
                }

                parameters[pair[..eq]] = pair[(eq + 1)..];
            }

            var body = new JsonObject { ["type"] = parse.GetValue(type), ["parameters"] = parameters };
            if (parse.GetValue(duration) is { } d)
            {
                body["duration"] = d;
            }

            var fault = await SendAsync(http, HttpMethod.Post, $"{root}/sim/v1/clusters/{name}/faults", body, ct);
            await parse.InvocationConfiguration.Output.WriteLineAsync($"injected {fault["id"]}: {fault["type"]} in {name}" + (fault["clearsAt"] is { } at ? $" until {at}" : " until cleared"));
        }, ct));

        var list = new Command("list", "List the faults in effect in a cluster.") { cluster };
        list.SetAction((parse, ct) => RunAsync(parse, async (http, root, name) =>
        {
            var faults = await SendAsync(http, HttpMethod.Get, $"{root}/sim/v1/clusters/{name}/faults", null, ct);
            var output = parse.InvocationConfiguration.Output;
            await output.WriteLineAsync($"{"ID",-6} {"TYPE",-26} {"PARAMETERS",-40} CLEARS");
            foreach (var f in faults["items"]!.AsArray())
            {
                var parameters = string.Join(",", f!["parameters"]!.AsObject().Select(p => $"{p.Key}={p.Value}"));
                await output.WriteLineAsync($"{f["id"],-6} {f["type"],-26} {parameters,-40} {f["clearsAt"]?.ToString() ?? "when cleared"}");
            }
        }, ct));

        var id = new Argument<string?>("id") { Description = "The fault to clear (from list).", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "Clear every fault of the cluster." };
        var clear = new Command("clear", "Clear one fault, or all with --all.") { id, cluster, all };
        clear.SetAction((parse, ct) => RunAsync(parse, async (http, root, name) =>
        {
            var which = parse.GetValue(id);
            if (which is null == !parse.GetValue(all))
            {
                throw new FormatException("give a fault id or --all (not both)");
            }

            var result = await SendAsync(http, HttpMethod.Delete, $"{root}/sim/v1/clusters/{name}/faults" + (which is null ? "" : "/" + Uri.EscapeDataString(which)), null, ct);
            await parse.InvocationConfiguration.Output.WriteLineAsync($"cleared {result["cleared"]} fault(s) in {name}");
        }, ct));

        var types = new Command("types", "List the fault types and their parameters.");
        types.SetAction(async (parse, ct) =>
        {
            foreach (var t in Keelson.Simulator.Faults.FaultTypes.Types)
            {
                await parse.InvocationConfiguration.Output.WriteLineAsync($"{t.Name,-26} {t.Description}");
            }

            return ExitCodes.Ok;
        });

        return new Command("fault", "Inject, list and clear faults in a running keelson sim (each is recorded as an Event in the cluster).")
        {
            kubeconfig, inject, list, clear, types,
        };

        async Task<int> RunAsync(ParseResult parse, Func<HttpClient, string, string, Task> action, CancellationToken ct)
        {
            var error = parse.InvocationConfiguration.Error;
            var name = parse.GetValue(cluster)!;
            try
            {
                var options = KubeConfig.LoadFile(parse.GetValue(kubeconfig)!).ToClientOptions(name);
                using var http = new HttpClient(KubernetesHttpHandlerFactory.Create(options));
                if (options.Credentials is { } credentials)
                {
                    http.DefaultRequestHeaders.Authorization = await credentials.GetAuthorizationAsync(ct);
                }

                // The simulator serves cluster NAME at .../clusters/NAME and its own API at the root.
                var server = options.Server.AbsoluteUri.TrimEnd('/');
                var root = server.EndsWith($"/clusters/{name}", StringComparison.Ordinal) ? server[..^($"/clusters/{name}".Length)] : server;
                await action(http, root, name);
                return ExitCodes.Ok;
            }
            catch (Exception e) when (e is KubeConfigException or FormatException)
            {
                await error.WriteLineAsync($"keelson sim fault: {e.Message}");
                return ExitCodes.BadInput;
            }
            catch (Exception e) when (e is HttpRequestException or SimulatorRefusedException)
            {
                await error.WriteLineAsync($"keelson sim fault: {e.Message}");
                return ExitCodes.Failed;
            }
        }
    }

    private static async Task<JsonObject> SendAsync(HttpClient http, HttpMethod method, string url, JsonObject? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (HttpRequestException e)
        {
            throw new HttpRequestException($"cannot reach the simulator at {url}: {e.Message} (is keelson sim running, and is --kubeconfig the one it wrote?)", e);
        }

        using (response)
        {
            var json = await response.Content.ReadFromJsonAsync<JsonObject>(ct) ?? [];
            return response.IsSuccessStatusCode ? json : throw new SimulatorRefusedException(json["message"]?.ToString() ?? response.ReasonPhrase ?? "refused");
        }
    }

    private sealed class SimulatorRefusedException(string message) : Exception(message);
}
