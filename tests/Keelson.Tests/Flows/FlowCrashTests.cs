using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Keelson.Kubernetes.Http;
using Keelson.Kubernetes.Resources;

namespace Keelson.Tests.Flows;

/// <summary>
/// kill -9 of the real server at many points of a run that deletes and evicts — between tasks, inside
/// a task, between recording an intent and acting on it, between acting and recording it done — and
/// restarts on the same database: the run finishes, and the simulator shows each object deleted once.
/// </summary>
public sealed class FlowCrashTests
{
    private const string Namespace = "crash";
    private static readonly string[] ConfigMaps = [.. Enumerable.Range(0, 3).Select(i => $"cm-{i}")];
    private static readonly string[] Pods = [.. Enumerable.Range(0, 4).Select(i => $"db-{i}")];

    /// <summary>
    /// Each restart names where the next process dies: an engine fault point (KEELSON_TEST_FLOW_CRASH_AT,
    /// the Nth time it is reached) or, for "after:MS", a kill -9 from the test that many milliseconds after start.
    /// </summary>
    private static readonly string[] Kills =
    [
        "intent.recorded:1", // a delete's intent is committed, the delete not sent
        "action.taken:1",    // the delete is sent, not recorded as done
        "intent.done:2",     // recorded done, the task not yet finished
        "action.taken:1",
        "intent.done:1",
        "after:1500",        // somewhere: between tasks, in the sleep, in the evictions
        "intent.recorded:1", // now in the evictions
        "action.taken:2",
        "intent.done:2",
        "action.taken:1",
        "after:700",
    ];

    [Fact]
    public async Task KilledServer_RestartedOverAndOver_FinishesTheRunAndDeletesAndEvictsEachObjectOnce()
    {
        await using var bed = await FlowTestBed.StartAsync(Server.TestDatabase.Sqlite);
        await SetUpAsync(bed);
        using var history = new ObjectHistory(bed, ConfigMaps);
        var runner = bed.First;
        await bed.ApplyAsync(runner, "evict-and-delete.yaml");
        var id = await bed.StartRunAsync(runner, "evict-and-delete", new JsonObject
        {
            ["cluster"] = "alpha",
            ["namespace"] = Namespace,
            ["configmaps"] = new JsonArray([.. ConfigMaps.Select(n => JsonValue.Create(n))]),
            ["pods"] = new JsonArray([.. Pods.Select(n => JsonValue.Create(n))]),
        });
        runner.KillHard();

        var crashed = 0;
        foreach (var kill in Kills)
        {
            if (kill.StartsWith("after:", StringComparison.Ordinal))
            {
                var process = await bed.StartNodeAsync();
                await Task.Delay(int.Parse(kill[6..], System.Globalization.CultureInfo.InvariantCulture));
                process.KillHard();
                continue;
            }

            var faulty = await bed.StartNodeAsync(new Dictionary<string, string> { ["KEELSON_TEST_FLOW_CRASH_AT"] = kill });
            if (await faulty.WaitForExitAsync(TimeSpan.FromSeconds(30)))
            {
                Assert.Contains($"killing the process at {kill.Split(':')[0]}", faulty.Output, StringComparison.Ordinal);
                crashed++;
            }
            else
            {
                faulty.KillHard(); // the run got past every remaining action without reaching it
            }
        }

        var last = await bed.StartNodeAsync();
        var run = await bed.WaitForEndAsync(last, id, TimeSpan.FromMinutes(3));
        Assert.True(run["state"]!.GetValue<string>() == "succeeded", run.ToJsonString());

        await history.SettleAsync();
        foreach (var name in ConfigMaps)
        {
            // The test recreates each ConfigMap as soon as it is gone: a second delete would remove the new one.
            Assert.True(history.Deleted(name) == 1, $"ConfigMap {name} was deleted {history.Deleted(name)} times: {history.Describe(name)}");
            Assert.NotNull(await bed.Alpha.Resource<ConfigMap>(Namespace).GetOrNullAsync(name));
        }

        foreach (var name in Pods)
        {
            // The StatefulSet recreates each pod under the same name: a second eviction would remove the new one.
            Assert.True(history.Deleted(name) == 1, $"pod {name} was evicted {history.Deleted(name)} times: {history.Describe(name)}");
        }

        Assert.NotNull(await bed.Alpha.Resource<ConfigMap>(Namespace).GetOrNullAsync($"done-{id}"));
        // How many fault points a run reaches depends on how its parallel elements interleave; fewer than this means the kills miss.
        Assert.True(crashed >= 4, $"only {crashed} of the fault points were reached; the test no longer kills where it means to");
    }

    private static async Task SetUpAsync(FlowTestBed bed)
    {
        await bed.Alpha.Resource<Namespace>().CreateAsync(new Namespace { Metadata = new ObjectMeta { Name = Namespace } });
        foreach (var name in ConfigMaps)
        {
            await bed.Alpha.Resource<ConfigMap>(Namespace).CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = name, Namespace = Namespace } });
        }

        var labels = new Dictionary<string, string> { ["app"] = "db" };
        await bed.Alpha.Resource<StatefulSet>(Namespace).CreateAsync(new StatefulSet
        {
            Metadata = new ObjectMeta { Name = "db", Namespace = Namespace },
            Spec = new StatefulSetSpec
            {
                Replicas = Pods.Length,
                ServiceName = "db",
                PodManagementPolicy = "Parallel",
                Selector = new LabelSelector { MatchLabels = labels },
                Template = new PodTemplateSpec
                {
                    Metadata = new ObjectMeta { Labels = labels },
                    Spec = new PodSpec { Containers = [new Container { Name = "db", Image = "postgres:16" }], TerminationGracePeriodSeconds = 1 },
                },
            },
        });
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(60);
        while ((await bed.Alpha.Resource<Pod>(Namespace).ListAsync()).Items.Count(p => p.Status?.Phase == "Running") < Pods.Length)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "the StatefulSet's pods did not start");
            await Task.Delay(200);
        }
    }

    /// <summary>
    /// What happened to each object name, polled from the simulator every 100 ms: every uid seen under
    /// the name and which of them disappeared. Deleted ConfigMaps are recreated at once, as a controller would.
    /// </summary>
    private sealed class ObjectHistory : IDisposable
    {
        private readonly FlowTestBed _bed;
        private readonly HashSet<string> _recreate;
        private readonly ConcurrentDictionary<string, List<string>> _seen = new();
        private readonly ConcurrentDictionary<string, HashSet<string>> _gone = new();
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;

        public ObjectHistory(FlowTestBed bed, IEnumerable<string> recreate)
        {
            _bed = bed;
            _recreate = [.. recreate];
            _loop = Task.Run(LoopAsync);
        }

        public int Deleted(string name) => _gone.TryGetValue(name, out var gone) ? gone.Count : 0;

        public string Describe(string name) =>
            $"uids seen {string.Join(", ", _seen.GetValueOrDefault(name) ?? [])}; gone {string.Join(", ", _gone.GetValueOrDefault(name) ?? [])}";

        /// <summary>Observes for a few more seconds, so a late repeat would be seen.</summary>
        public async Task SettleAsync()
        {
            await Task.Delay(TimeSpan.FromSeconds(3));
            await _stop.CancelAsync();
            await _loop;
        }

        public void Dispose()
        {
            _stop.Cancel();
            _stop.Dispose();
        }

        private async Task LoopAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    var present = new Dictionary<string, string>(StringComparer.Ordinal);
                    foreach (var cm in (await _bed.Alpha.Resource<ConfigMap>(Namespace).ListAsync()).Items)
                    {
                        present[cm.Metadata.Name!] = cm.Metadata.Uid!;
                    }

                    foreach (var pod in (await _bed.Alpha.Resource<Pod>(Namespace).ListAsync()).Items.Where(p => p.Metadata.DeletionTimestamp is null))
                    {
                        present[pod.Metadata.Name!] = pod.Metadata.Uid!;
                    }

                    foreach (var (name, uids) in _seen)
                    {
                        foreach (var uid in uids.Where(u => !present.TryGetValue(name, out var now) || now != u))
                        {
                            _gone.GetOrAdd(name, _ => []).Add(uid);
                        }
                    }

                    foreach (var (name, uid) in present)
                    {
                        var uids = _seen.GetOrAdd(name, _ => []);
                        if (!uids.Contains(uid))
                        {
                            uids.Add(uid);
                        }
                    }

                    foreach (var name in _recreate.Where(n => !present.ContainsKey(n) && _seen.ContainsKey(n)))
                    {
                        var made = await _bed.Alpha.Resource<ConfigMap>(Namespace).CreateAsync(new ConfigMap
                        {
                            Metadata = new ObjectMeta { Name = name, Namespace = Namespace, Labels = new Dictionary<string, string> { ["recreated"] = "true" } },
                        });
                        _seen[name].Add(made.Metadata.Uid!);
                    }

                    await Task.Delay(100, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                catch (Exception e) when (e is KubernetesApiException or KubernetesTransportException)
                {
                    // A create racing a controller, or a slow moment: look again.
                }
            }
        }
    }
}
