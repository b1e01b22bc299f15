using System.CommandLine;
using System.Text.Json.Nodes;
using Keelson.Kubernetes.Config;

namespace Keelson.Cli;

/// <summary><c>keelson cluster add|list|get|health|tag|rotate-credentials|remove</c>.</summary>
internal static class ClusterCommand
{
    private static readonly Printer.Column[] Columns =
    [
        new("NAME", c => Printer.Text(c["name"])),
        new("VERSION", c => Printer.Text(c["kubernetesVersion"])),
        new("NODES", c => Printer.Text(c["nodeCount"])),
        new("SERVER", c => Printer.Text(c["server"])),
        new("TAGS", c => Printer.Labels(c["tags"])),
        new("AGE", c => Printer.Age(c["createdAt"])),
    ];

    public static Command Create(ApiOptions api)
    {
        var add = new Command("add", """
            Register a cluster. Keelson connects once and reports its version and node count, or
            says why it could not (unreachable, TLS mismatch, credentials refused or too weak).
            Certificates, keys and tokens named by a kubeconfig are read here and sent embedded.

            Examples:
              keelson cluster add prod-a --kubeconfig ~/.kube/config --context prod-a --tag env=production --tag tier=1
              keelson cluster add lab --server https://10.0.0.5:6443 --token-file sa.token --ca-file ca.crt
            """);
        var credentials = new CredentialOptions(add);
        var name = new Argument<string>("name") { Description = "Keelson's name for the cluster (a DNS label)." };
        var tags = new Option<string[]>("--tag") { Description = "A tag KEY=VALUE (repeatable): env, region, zone, tier or any label." };
        add.Arguments.Add(name);
        add.Options.Add(tags);
        api.SetAction(add, async s =>
        {
            var registration = credentials.Registration(s.Parse, s.Parse.GetValue(name)!);
            registration["tags"] = new JsonObject([.. ParseTags(s.Parse.GetValue(tags) ?? []).Select(t => KeyValuePair.Create(t.Key, (JsonNode?)t.Value))]);
            var cluster = await s.Api.SendAsync(HttpMethod.Post, "api/v1/clusters", registration, s.Cancellation);
            await Report(s, cluster, "added");
        });

        var selector = new Option<string?>("--selector", "-l") { Description = "Only clusters whose tags match, e.g. env=production,tier in (1,2)." };
        var list = new Command("list", "List the registered clusters you may view.\n\nExamples:\n  keelson cluster list\n  keelson cluster list -l env=production -o json") { selector };
        api.SetAction(list, async s =>
        {
            var query = s.Parse.GetValue(selector) is { } sel ? $"?selector={Uri.EscapeDataString(sel)}&limit=1000" : "?limit=1000";
            await s.PrintAsync(await s.Api.GetAsync("api/v1/clusters" + query, s.Cancellation), Columns);
        });

        var getName = new Argument<string>("name") { Description = "The cluster." };
        var get = new Command("get", "Show one cluster.\n\nExample:\n  keelson cluster get prod-a -o yaml") { getName };
        api.SetAction(get, async s => await s.PrintAsync(await s.Api.GetAsync($"api/v1/clusters/{Uri.EscapeDataString(s.Parse.GetValue(getName)!)}", s.Cancellation), Columns));

        var tagName = new Argument<string>("name") { Description = "The cluster." };
        var changes = new Argument<string[]>("changes") { Description = "KEY=VALUE to set, KEY- to remove (as kubectl label).", Arity = ArgumentArity.OneOrMore };
        var tag = new Command("tag", "Set or remove tags of a cluster.\n\nExample:\n  keelson cluster tag prod-a tier=1 zone=east-1a legacy-") { tagName, changes };
        api.SetAction(tag, async s =>
        {
            var body = new JsonObject();
            foreach (var change in s.Parse.GetValue(changes)!)
            {
                if (change.EndsWith('-') && !change.Contains('=', StringComparison.Ordinal))
                {
                    body[change[..^1]] = null;
                }
                else
                {
                    var (key, value) = ParseTags([change]).Single();
                    body[key] = value;
                }
            }

            var cluster = await s.Api.SendAsync(HttpMethod.Patch, $"api/v1/clusters/{Uri.EscapeDataString(s.Parse.GetValue(tagName)!)}/tags", body, s.Cancellation);
            await Report(s, cluster, "tagged");
        });

        var rotate = new Command("rotate-credentials", "Give a cluster new credentials (proved before they replace the old ones).\n\nExample:\n  keelson cluster rotate-credentials prod-a --kubeconfig new.kubeconfig");
        var rotateCredentials = new CredentialOptions(rotate);
        var rotateName = new Argument<string>("name") { Description = "The cluster." };
        rotate.Arguments.Add(rotateName);
        api.SetAction(rotate, async s =>
        {
            var clusterName = s.Parse.GetValue(rotateName)!;
            var cluster = await s.Api.SendAsync(HttpMethod.Put, $"api/v1/clusters/{Uri.EscapeDataString(clusterName)}/credentials", rotateCredentials.Registration(s.Parse, clusterName), s.Cancellation);
            await Report(s, cluster, "has new credentials");
        });

        var removeName = new Argument<string>("name") { Description = "The cluster." };
        var remove = new Command("remove", "Forget a cluster and its credentials (nothing in the cluster changes).\n\nExample:\n  keelson cluster remove lab") { removeName };
        api.SetAction(remove, async s =>
        {
            var clusterName = s.Parse.GetValue(removeName)!;
            await s.Api.SendAsync(HttpMethod.Delete, $"api/v1/clusters/{Uri.EscapeDataString(clusterName)}", null, s.Cancellation);
            await s.Output.WriteLineAsync($"cluster {clusterName} removed");
        });

        return api.Group("cluster", "Register and manage the clusters Keelson operates.", add, list, get, FleetCommands.Health(api), tag, rotate, remove);
    }

    private static async Task Report(ApiSession s, JsonNode? cluster, string what)
    {
        if (s.Format == OutputFormat.Table)
        {
            await s.Output.WriteLineAsync($"cluster {cluster?["name"]} {what}: {cluster?["kubernetesVersion"]}, {cluster?["nodeCount"]} nodes");
        }
        else
        {
            await s.PrintAsync(cluster, Columns);
        }
    }

    private static List<KeyValuePair<string, string>> ParseTags(IEnumerable<string> pairs) =>
        [.. pairs.Select(p => p.IndexOf('=', StringComparison.Ordinal) is var eq and > 0
            ? KeyValuePair.Create(p[..eq], p[(eq + 1)..])
            : throw new CliException(ExitCodes.BadInput, $"tag \"{p}\" is not KEY=VALUE, e.g. env=production"))];

    /// <summary>How to reach a cluster: a kubeconfig context, or a server with a token or client certificate.</summary>
    private sealed class CredentialOptions
    {
        private readonly Option<string?> _kubeconfig = new("--kubeconfig") { Description = "A kubeconfig file (default: KUBECONFIG, else ~/.kube/config, when --server is not given)." };
        private readonly Option<string?> _context = new("--context") { Description = "The kubeconfig context (default: its current context)." };
        private readonly Option<string?> _server = new("--server-url") { Description = "The API server URL, instead of a kubeconfig." };
        private readonly Option<FileInfo?> _tokenFile = new("--token-file") { Description = "A file holding a bearer token (e.g. a service account's)." };
        private readonly Option<FileInfo?> _caFile = new("--ca-file") { Description = "The cluster's CA certificate(s), PEM." };
        private readonly Option<FileInfo?> _certificate = new("--client-certificate") { Description = "A client certificate, PEM." };
        private readonly Option<FileInfo?> _key = new("--client-key") { Description = "The client certificate's key, PEM." };
        private readonly Option<bool> _insecure = new("--insecure-skip-tls-verify") { Description = "Do not verify the server's certificate (test clusters only)." };

        public CredentialOptions(Command command)
        {
            foreach (var option in new Option[] { _kubeconfig, _context, _server, _tokenFile, _caFile, _certificate, _key, _insecure })
            {
                command.Options.Add(option);
            }
        }

        public JsonObject Registration(ParseResult parse, string name)
        {
            if (parse.GetValue(_server) is { } server)
            {
                return new JsonObject
                {
                    ["name"] = name,
                    ["server"] = server,
                    ["token"] = Read(parse.GetValue(_tokenFile))?.Trim(),
                    ["certificateAuthority"] = Read(parse.GetValue(_caFile)),
                    ["clientCertificate"] = Read(parse.GetValue(_certificate)),
                    ["clientKey"] = Read(parse.GetValue(_key)),
                    ["insecureSkipTlsVerify"] = parse.GetValue(_insecure),
                };
            }

            try
            {
                var config = KubeConfig.LoadDefault(parse.GetValue(_kubeconfig));
                // Flattened here, on the user's machine: the server never reads files a client names.
                return new JsonObject { ["name"] = name, ["kubeconfig"] = KubeConfigFlattener.Flatten(config, parse.GetValue(_context)) };
            }
            catch (KubeConfigException e)
            {
                throw new CliException(ExitCodes.BadInput, e.Message);
            }
        }

        private static string? Read(FileInfo? file)
        {
            try
            {
                return file is null ? null : File.ReadAllText(file.FullName);
            }
            catch (IOException e)
            {
                throw new CliException(ExitCodes.BadInput, $"cannot read {file!.FullName}: {e.Message}");
            }
        }
    }
}
