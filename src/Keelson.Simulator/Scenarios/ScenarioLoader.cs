using System.Text.RegularExpressions;
using Keelson.Kubernetes.Resources;
using Keelson.Kubernetes.Yaml;

namespace Keelson.Simulator.Scenarios;

/// <summary>
/// Reads scenario YAML and checks it, naming the file, line and field of every problem, and
/// provides the built-in demo fleet.
/// </summary>
public static partial class ScenarioLoader
{
    /// <summary>Reads and checks a scenario file.</summary>
    /// <exception cref="YamlBindingException">The file is malformed or a value is wrong; the message says where and why.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static Scenario Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"scenario file \"{path}\" does not exist (pass a YAML file to --scenario, or leave it out for the demo fleet)", path);
        }

        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Reads and checks scenario YAML.</summary>
    /// <exception cref="YamlBindingException">The YAML is malformed or a value is wrong.</exception>
    public static Scenario Parse(string yaml, string source)
    {
        var scenario = YamlBinder.Bind<Scenario>(yaml, source, out var positions);
        Check(scenario, positions);
        return scenario;
    }

    /// <summary>The built-in demo fleet.</summary>
    public static Scenario Demo()
    {
        using var stream = typeof(ScenarioLoader).Assembly.GetManifestResourceStream("Keelson.Simulator.Scenarios.demo.yaml")
            ?? throw new InvalidOperationException("the demo scenario is missing from the build");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "demo.yaml (built in)");
    }

    private static void Check(Scenario scenario, YamlPositions at)
    {
        if (scenario.Clusters.Count == 0)
        {
            throw at.Error(scenario, "clusters", "a scenario needs at least one cluster, e.g. clusters: [{name: test, nodePools: [{name: general, count: 3}]}]");
        }

        CheckFaults(scenario, at);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var cluster in scenario.Clusters)
        {
            if (!DnsLabel().IsMatch(cluster.Name))
            {
                throw at.Error(cluster, "name", $"\"{cluster.Name}\" is not a valid cluster name: use lower-case letters, digits and '-', at most 63 characters, starting and ending with a letter or digit");
            }

            if (!names.Add(cluster.Name))
            {
                throw at.Error(cluster, "name", $"cluster \"{cluster.Name}\" is defined twice; cluster names must be unique");
            }

            if (!MinorVersion().IsMatch(cluster.Version))
            {
                throw at.Error(cluster, "version", $"\"{cluster.Version}\" is not a Kubernetes minor version; write it quoted like \"1.30\"");
            }

            var pools = new HashSet<string>(StringComparer.Ordinal);
            foreach (var pool in cluster.NodePools)
            {
                if (!DnsLabel().IsMatch(pool.Name))
                {
                    throw at.Error(pool, "name", $"\"{pool.Name}\" is not a valid node pool name: use lower-case letters, digits and '-'");
                }

                if (!pools.Add(pool.Name))
                {
                    throw at.Error(pool, "name", $"node pool \"{pool.Name}\" is defined twice in cluster \"{cluster.Name}\"");
                }

                if (pool.Count < 0)
                {
                    throw at.Error(pool, "count", $"{pool.Count} nodes is not possible; use 0 or more");
                }

                if (pool.Pods < 1)
                {
                    throw at.Error(pool, "pods", $"a node must hold at least 1 pod, not {pool.Pods}");
                }

                CheckQuantity(at, pool, "cpu", pool.Cpu, "\"16\" or \"3500m\"");
                CheckQuantity(at, pool, "memory", pool.Memory, "\"64Gi\"");
                foreach (var taint in pool.Taints)
                {
                    if (taint.Effect is not ("NoSchedule" or "PreferNoSchedule" or "NoExecute"))
                    {
                        throw at.Error(taint, "effect", $"\"{taint.Effect}\" is not a taint effect; use NoSchedule, PreferNoSchedule or NoExecute");
                    }
                }
            }
        }
    }

    private static void CheckFaults(Scenario scenario, YamlPositions at)
    {
        var clusters = scenario.Clusters.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var fault in scenario.Faults)
        {
            if (Faults.FaultTypes.Find(fault.Type) is null)
            {
                throw at.Error(fault, "type", $"unknown fault type \"{fault.Type}\"; the types are: {Faults.FaultTypes.Names}");
            }

            if (!clusters.Contains(fault.Cluster))
            {
                throw at.Error(fault, "cluster", $"fault names cluster \"{fault.Cluster}\", which the scenario does not define; clusters are: {string.Join(", ", clusters)}");
            }

            if (fault.At < TimeSpan.Zero || fault.Duration < TimeSpan.Zero)
            {
                throw at.Error(fault, fault.At < TimeSpan.Zero ? "at" : "duration", "durations must not be negative");
            }
        }
    }

    private static void CheckQuantity(YamlPositions at, object owner, string field, string text, string example)
    {
        if (!Quantity.TryParse(text, out var quantity) || quantity <= Quantity.Parse("0"))
        {
            throw at.Error(owner, field, $"\"{text}\" is not a positive quantity; write it like {example}");
        }
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex(@"^1\.[0-9]{1,2}$")]
    private static partial Regex MinorVersion();
}
