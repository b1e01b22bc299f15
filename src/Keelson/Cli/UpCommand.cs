using System.CommandLine;
using System.Diagnostics;
using Keelson.Core.Audit;
using Keelson.Core.Clusters;
using Keelson.Core.Flows;
using Keelson.Kubernetes.Yaml;
using Keelson.Server;
using Keelson.Simulator.Hosting;
using Keelson.Simulator.Scenarios;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Keelson.Cli;

/// <summary><c>keelson up</c>: the whole platform on one machine — server, SQLite and a simulated fleet.</summary>
internal static class UpCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "Directory for Keelson's files (default ~/.keelson)." };
        var listen = new Option<string>("--listen") { Description = "Address and port of the server.", DefaultValueFactory = _ => "127.0.0.1:8080" };
        var scenario = new Option<FileInfo?>("--scenario") { Description = "The simulated fleet; the built-in demo fleet (4 clusters) without it." };
        var command = new Command("up", """
            Run Keelson with no cluster at all: the server on SQLite in the data directory, plus a
            simulated fleet started in this process and registered as clusters. On first start an
            admin user is created and its password printed once.

            Examples:
              keelson up
              keelson up --listen 127.0.0.1:9090 --data /tmp/keelson-demo --scenario fleet.yaml
            """)
        {
            data, listen, scenario,
        };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var started = Stopwatch.StartNew();
            ServerSettings settings;
            Scenario fleet;
            try
            {
                settings = ServerSettingsLoader.Load(null, new Dictionary<string, string?>(), s =>
                {
                    s.Listen = parse.GetValue(listen)!;
                    s.Data = parse.GetValue(data) ?? s.Data;
                });
                fleet = parse.GetValue(scenario) is { } file ? ScenarioLoader.Load(file.FullName) : ScenarioLoader.Demo();
            }
            catch (Exception e) when (e is SettingsException or YamlBindingException or FileNotFoundException)
            {
                await error.WriteLineAsync($"keelson up: {e.Message}");
                return ExitCodes.BadInput;
            }

            // Plain HTTP on loopback: the simulator is only reached by this process.
            await using var simulator = await SimulatorHost.StartAsync(fleet, new SimulatorOptions(), ct);
            await using var app = await KeelsonServer.BuildAsync(settings, structuredLogs: false, ct);
            try
            {
                await app.StartAsync(ct);
            }
            catch (IOException e) when (e.InnerException is System.Net.Sockets.SocketException)
            {
                await error.WriteLineAsync($"keelson up: cannot listen on {settings.Listen}: {e.InnerException.Message} (is Keelson already up? pick another with --listen)");
                return ExitCodes.Failed;
            }

            var password = await KeelsonServer.EnsureInitialAdminAsync(app, settings, ct);
            await RegisterAsync(app.Services.GetRequiredService<ClusterRegistry>(), simulator, ct);
            var examples = await ExampleFlows.ApplyOnFirstStartAsync(app.Services.GetRequiredService<FlowService>(), ct);
            var url = $"http://{settings.Listen}";
            await output.WriteLineAsync($"Keelson is up at {url} in {started.Elapsed.TotalSeconds:0.0}s — {simulator.Clusters.Count} simulated clusters ({string.Join(", ", simulator.Clusters.Select(c => c.Name))}), data in {settings.Data}");
            if (password is null)
            {
                await output.WriteLineAsync($"Log in: keelson login --server {url} --username admin   (initial password: {Path.Combine(settings.Data, "initial-admin-password")})");
            }

            if (examples.Count > 0)
            {
                await output.WriteLineAsync($"Applied the example flows: {string.Join(", ", examples)} — try: keelson flow run drain-node -p cluster={simulator.Clusters[0].Name} -p node={simulator.Clusters[0].Name}-general-0001 --watch (docs/flows.md)");
            }

            await ServerCommand.PrintInitialAdminAsync(output, password, settings, url);
            await output.WriteLineAsync("Press Ctrl+C to stop.");
            try
            {
                await app.WaitForShutdownAsync(ct);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C.
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// Registers every simulated cluster, or gives it the new address and token of this run when it
    /// was registered by an earlier one.
    /// </summary>
    private static async Task RegisterAsync(ClusterRegistry registry, SimulatorHost simulator, CancellationToken ct)
    {
        foreach (var cluster in simulator.Clusters)
        {
            var registration = new ClusterRegistration
            {
                Name = cluster.Name,
                Server = simulator.ClientOptions(cluster.Name).Server,
                Token = cluster.Token,
                Tags = cluster.Spec.Labels,
            };
            if (await registry.GetAsync(cluster.Name, ct) is null)
            {
                await registry.AddAsync(AuditActor.System, registration, ct);
            }
            else
            {
                await registry.RotateCredentialsAsync(AuditActor.System, registration, ct);
            }
        }
    }
}
