using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using Keelson.Kubernetes.Yaml;
using Keelson.Simulator.Hosting;
using Keelson.Simulator.Scenarios;

namespace Keelson.Cli;

/// <summary><c>keelson sim</c>: serve a simulated fleet of Kubernetes clusters.</summary>
internal static class SimCommand
{
    public static Command Create()
    {
        var scenario = new Option<FileInfo?>("--scenario") { Description = "Scenario YAML describing the clusters; without it, the built-in demo fleet (4 clusters)." };
        var listen = new Option<string>("--listen") { Description = "Address and port to serve on.", DefaultValueFactory = _ => "127.0.0.1:6443" };
        var kubeconfig = new Option<string>("--kubeconfig")
        {
            Description = "Where to write the kubeconfig (one context per cluster, mode 0600).",
            DefaultValueFactory = _ => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".keelson", "sim.kubeconfig"),
        };
        // HTTPS by default: kubectl never sends credentials over plain HTTP (kubernetes/kubectl#744),
        // so a plain-HTTP simulator would refuse every kubectl request.
        var tls = new Option<bool>("--tls")
        {
            Description = "Serve HTTPS with a CA generated at start and written into the kubeconfig (default). " +
                          "--tls false serves plain HTTP, which only clients that send tokens over HTTP (Keelson, curl, the Python client) can use.",
            DefaultValueFactory = _ => true,
        };
        var command = new Command("sim", """
            Serve a simulated fleet of Kubernetes clusters that kubectl, client libraries and Keelson
            talk to as to real ones. Each cluster is served under its own base path
            (http://ADDRESS/clusters/NAME) and gets a context of its own in the kubeconfig written.

            Examples:
              keelson sim
              keelson sim --scenario fleet.yaml --listen 127.0.0.1:7443
              keelson sim --tls false           # plain HTTP, for clients other than kubectl
              KUBECONFIG=~/.keelson/sim.kubeconfig kubectl --context prod-east get nodes
            """)
        {
            scenario, listen, kubeconfig, tls, SimFaultCommand.Create(),
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            Scenario fleet;
            IPEndPoint endpoint;
            try
            {
                fleet = parse.GetValue(scenario) is { } file ? ScenarioLoader.Load(file.FullName) : ScenarioLoader.Demo();
                endpoint = ParseListen(parse.GetValue(listen)!);
            }
            catch (Exception e) when (e is YamlBindingException or FileNotFoundException or FormatException)
            {
                await error.WriteLineAsync($"keelson sim: {e.Message}");
                return ExitCodes.BadInput;
            }

            SimulatorHost host;
            try
            {
                host = await SimulatorHost.StartAsync(fleet, new SimulatorOptions
                {
                    Listen = endpoint,
                    Tls = parse.GetValue(tls),
                    KubeconfigPath = parse.GetValue(kubeconfig),
                }, cancellationToken);
            }
            catch (IOException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
            {
                await error.WriteLineAsync($"keelson sim: cannot listen on {endpoint}: the address is already in use (pick another with --listen 127.0.0.1:PORT)");
                return ExitCodes.Failed;
            }

            await using (host)
            {
                var output = parse.InvocationConfiguration.Output;
                var nodes = fleet.Clusters.Sum(c => c.NodePools.Sum(p => p.Count));
                await output.WriteLineAsync($"keelson sim ready: {host.Clusters.Count} clusters ({string.Join(", ", host.Clusters.Select(c => c.Name))}), {nodes} nodes at {host.BaseUrl}clusters/NAME");
                await output.WriteLineAsync($"kubeconfig: {host.KubeconfigPath}");
                await output.WriteLineAsync($"  export KUBECONFIG={host.KubeconfigPath}; kubectl --context {host.Clusters[0].Name} get nodes");
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    await output.WriteLineAsync("keelson sim: stopping");
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>ADDRESS:PORT with the port required (IPEndPoint alone would take a bare address as port 0).</summary>
    private static IPEndPoint ParseListen(string text) =>
        text.LastIndexOf(':') > text.LastIndexOf(']') && IPEndPoint.TryParse(text, out var endpoint)
            ? endpoint
            : throw new FormatException($"--listen \"{text}\" is not ADDRESS:PORT, e.g. 127.0.0.1:6443");
}
