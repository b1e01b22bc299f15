using System.Text.RegularExpressions;

namespace Keelson.Tests.Simulator;

/// <summary>A running <c>keelson sim</c> (the real executable) serving a small fleet, and the kubeconfig it wrote.</summary>
public sealed partial class SimulatorProcess : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("keelson-sim-").FullName;
    private readonly string _scenario;
    private RunningProcess? _process;

    /// <summary>The shared fleet (<see cref="Scenario"/>), as the collection fixture.</summary>
    public SimulatorProcess()
        : this(Scenario)
    {
    }

    /// <summary>A simulator of its own, for a test that injects faults other tests must not see.</summary>
    internal SimulatorProcess(string scenario) => _scenario = scenario;

    public string Kubeconfig => Path.Combine(_directory, "kubeconfig");

    public Uri BaseUrl { get; private set; } = null!;

    public static string Scenario => Path.Combine(AppContext.BaseDirectory, "testdata", "simulator", "fleet.yaml");

    public async Task InitializeAsync()
    {
        _process = RunningProcess.Start(Programs.Keelson, ["sim", "--scenario", _scenario, "--listen", "127.0.0.1:0", "--kubeconfig", Kubeconfig]);
        var ready = await _process.WaitForLineAsync(l => l.Contains("ready", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        BaseUrl = new Uri(Url().Match(ready).Groups[1].Value);
    }

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    [GeneratedRegex(@"at (https?://[0-9.:]+/)")]
    private static partial Regex Url();
}
