using Keelson.Kubernetes;
using Keelson.Kubernetes.Resources;
using Keelson.Kubernetes.Watch;

namespace Keelson.Simulator.Tests.Controllers.Deployments;

public sealed class DeploymentControllerTests
{
    [Fact]
    public async Task Deployment_WhenCreated_RollsOutThroughAHashNamedReplicaSet()
    {
        await using var fleet = await TestFleet.StartAsync();
        var deployments = fleet.Client.Resource<Deployment>("default");
        await deployments.CreateAsync(Manifests.Deployment("web", 3));

        var deployment = await WaitForRolloutAsync(deployments, "web");

        var rs = Assert.Single((await fleet.Client.Resource<ReplicaSet>("default").ListAsync()).Items);
        var hash = rs.Metadata.Labels!["pod-template-hash"];
        Assert.Equal($"web-{hash}", rs.Metadata.Name);
        Assert.Equal(hash, rs.Spec!.Selector!.MatchLabels!["pod-template-hash"]);
        Assert.Equal(hash, rs.Spec.Template!.Metadata!.Labels!["pod-template-hash"]);
        Assert.Equal("1", rs.Metadata.Annotations!["deployment.kubernetes.io/revision"]);
        Assert.Equal("3", rs.Metadata.Annotations["deployment.kubernetes.io/desired-replicas"]);
        Assert.Equal("4", rs.Metadata.Annotations["deployment.kubernetes.io/max-replicas"]);
        Assert.Equal("1", deployment.Metadata.Annotations!["deployment.kubernetes.io/revision"]);
        var status = deployment.Status!;
        Assert.Equal((3, 3, 3, 3, null), (status.Replicas, status.UpdatedReplicas, status.ReadyReplicas, status.AvailableReplicas, status.UnavailableReplicas));
        var available = status.Conditions!.Single(c => c.Type == "Available");
        Assert.Equal(("True", "MinimumReplicasAvailable", "Deployment has minimum availability."), (available.Status, available.Reason, available.Message));
        var progressing = status.Conditions!.Single(c => c.Type == "Progressing");
        Assert.Equal(("True", "NewReplicaSetAvailable", $"ReplicaSet \"web-{hash}\" has successfully progressed."), (progressing.Status, progressing.Reason, progressing.Message));
        var events = await EventsAsync(fleet, "web");
        Assert.Contains($"Scaled up replica set web-{hash} to 3", events);
    }

    [Fact]
    public async Task ImageChange_RollsWithinTheConfiguredSurge()
    {
        await using var fleet = await TestFleet.StartAsync(kubectl: true);
        var deployments = fleet.Client.Resource<Deployment>("default");
        var manifest = Manifests.Deployment("api", 4, image: "api:v1");
        manifest.Spec!.Strategy = new DeploymentStrategy { Type = "RollingUpdate", RollingUpdate = new RollingUpdateDeployment { MaxSurge = 1, MaxUnavailable = 0 } };
        await deployments.CreateAsync(manifest);
        await WaitForRolloutAsync(deployments, "api");
        var replicaSets = fleet.Client.Resource<ReplicaSet>("default");
        var list = await replicaSets.ListAsync();
        var sizes = list.Items.ToDictionary(r => r.Metadata.Name!, r => r.Spec!.Replicas ?? 0);
        var most = sizes.Values.Sum();
        using var stop = new CancellationTokenSource();
        // kube bounds the pods a rollout asks for (the replica sets' sizes); each replica set's
        // controller then creates and deletes on its own, so for a moment a new pod may start
        // before an old one is told to stop, on a real cluster as here.
        var watching = Task.Run(async () =>
        {
            await foreach (var e in replicaSets.WatchAsync(new ListOptions { ResourceVersion = list.Metadata.ResourceVersion }, stop.Token))
            {
                if (e.Type is WatchEventType.Added or WatchEventType.Modified)
                {
                    lock (sizes)
                    {
                        sizes[e.Object!.Metadata.Name!] = e.Object.Spec!.Replicas ?? 0;
                        most = Math.Max(most, sizes.Values.Sum());
                    }
                }
            }
        });

        var setImage = await fleet.KubectlAsync("set", "image", "deployment/api", "main=api:v2");
        var status = await fleet.KubectlAsync("rollout", "status", "deployment/api", "--timeout=90s");
        await Eventually.Until(
            () => Task.FromResult(Snapshot(sizes)),
            s => s.Count == 2 && s.Values.Order().SequenceEqual([0, 4]),
            "the watch to see the old replica set emptied and the new one full");
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => watching);

        Assert.True(setImage.ExitCode == 0, setImage.ToString());
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.EndsWith("deployment \"api\" successfully rolled out\n", status.Output, StringComparison.Ordinal);
        Assert.Equal(5, most);
        // The rollout is done once the old pods are told to stop; they are gone once the kubelet has stopped them.
        var pods = await Eventually.Until(() => fleet.ListPodsAsync("app=api"), p => p.Count == 4 && p.All(pod => pod.Metadata.DeletionTimestamp is null), "the old pods to finish terminating");
        Assert.All(pods, p => Assert.Equal("api:v2", p.Spec!.Containers![0].Image));
        var events = await EventsAsync(fleet, "api");
        var created = (await fleet.Client.Resource<Event>("default").ListAsync(new ListOptions { FieldSelector = "reason=SuccessfulCreate" })).Items;
        Assert.Equal(8, created.Sum(e => e.Count ?? 1)); // 4 pods of v1, 4 of v2: no pod was created twice
        Assert.Contains(events, m => m!.StartsWith("Scaled down replica set api-", StringComparison.Ordinal) && m.EndsWith(" to 3 from 4", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Recreate_StopsEveryOldPodBeforeStartingNewOnes()
    {
        await using var fleet = await TestFleet.StartAsync();
        var deployments = fleet.Client.Resource<Deployment>("default");
        var manifest = Manifests.Deployment("db", 2, image: "db:v1");
        manifest.Spec!.Strategy = new DeploymentStrategy { Type = "Recreate" };
        await deployments.CreateAsync(manifest);
        await WaitForRolloutAsync(deployments, "db");
        var pods = fleet.Client.Resource<Pod>("default");
        var list = await pods.ListAsync(new ListOptions { LabelSelector = "app=db" });
        var existing = list.Items.ToDictionary(p => p.Metadata.Name!, p => p.Spec!.Containers![0].Image!);
        var mixed = false;
        using var stop = new CancellationTokenSource();
        var watching = Task.Run(async () =>
        {
            await foreach (var e in pods.WatchAsync(new ListOptions { LabelSelector = "app=db", ResourceVersion = list.Metadata.ResourceVersion }, stop.Token))
            {
                lock (existing)
                {
                    if (e.Type == WatchEventType.Deleted)
                    {
                        existing.Remove(e.Object!.Metadata.Name!);
                    }
                    else if (e.Type is WatchEventType.Added or WatchEventType.Modified)
                    {
                        existing[e.Object!.Metadata.Name!] = e.Object.Spec!.Containers![0].Image!;
                        mixed |= existing.Values.Distinct().Count() > 1;
                    }
                }
            }
        });

        await SetImageAsync(deployments, "db", "db:v2");
        await WaitForRolloutAsync(deployments, "db", generation: 2);
        await Eventually.Until(() => Task.FromResult(Snapshot(existing)), s => s.Count == 2 && s.All(p => p.Value == "db:v2"), "the watch to see both new pods");
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => watching);

        Assert.False(mixed, "old and new pods existed at the same time");
    }

    [Fact]
    public async Task ScalingAStuckRollout_SpreadsTheNewReplicasProportionally()
    {
        await using var fleet = await TestFleet.StartAsync();
        var deployments = fleet.Client.Resource<Deployment>("default");
        var manifest = Manifests.Deployment("nginx", 10, image: "nginx:1.25");
        manifest.Spec!.Strategy = new DeploymentStrategy { Type = "RollingUpdate", RollingUpdate = new RollingUpdateDeployment { MaxSurge = 3, MaxUnavailable = 2 } };
        await deployments.CreateAsync(manifest);
        await WaitForRolloutAsync(deployments, "nginx");
        // The new pods never get ready while the test runs.
        await deployments.UpdateAsync("nginx", d =>
        {
            d.Spec!.Template!.Spec!.Containers![0].Image = "nginx:1.26";
            d.Spec.Template.Spec.Containers[0].ReadinessProbe = Manifests.ReadyAfter(3600);
        });
        var replicaSets = fleet.Client.Resource<ReplicaSet>("default");
        await Eventually.Until(() => SizesAsync(replicaSets), s => s == (8, 5), "the rollout to stall at 8 old and 5 new replicas");

        await deployments.ScaleAsync("nginx", 15);

        // The kubernetes documentation's example: of 5 more replicas, 3 go to the old replica set and 2 to the new one.
        await Eventually.Until(() => SizesAsync(replicaSets), s => s == (11, 7), "11 old and 7 new replicas");
    }

    [Fact]
    public async Task RevisionHistory_IsTrimmedToTheLimit()
    {
        await using var fleet = await TestFleet.StartAsync();
        var deployments = fleet.Client.Resource<Deployment>("default");
        var manifest = Manifests.Deployment("worker", 1, image: "worker:v1");
        manifest.Spec!.RevisionHistoryLimit = 2;
        await deployments.CreateAsync(manifest);
        for (var version = 2; version <= 5; version++)
        {
            await WaitForRolloutAsync(deployments, "worker", generation: version - 1);
            await SetImageAsync(deployments, "worker", $"worker:v{version}");
        }

        await WaitForRolloutAsync(deployments, "worker", generation: 5);
        var replicaSets = await Eventually.Until(
            async () => (await fleet.Client.Resource<ReplicaSet>("default").ListAsync()).Items,
            r => r.Count == 3,
            "the new replica set and two old ones");

        Assert.Equal(["3", "4", "5"], replicaSets.Select(r => r.Metadata.Annotations!["deployment.kubernetes.io/revision"]).Order());
        Assert.Equal("worker:v5", replicaSets.Single(r => r.Metadata.Annotations!["deployment.kubernetes.io/revision"] == "5").Spec!.Template!.Spec!.Containers![0].Image);
    }

    [Fact]
    public async Task ProgressDeadline_WhenNewPodsNeverBecomeReady_IsReportedAsExceeded()
    {
        await using var fleet = await TestFleet.StartAsync(kubectl: true);
        var deployments = fleet.Client.Resource<Deployment>("default");
        var manifest = Manifests.Deployment("stuck", 2, image: "stuck:v1");
        manifest.Spec!.Template!.Spec!.Containers![0].ReadinessProbe = Manifests.ReadyAfter(3600); // never ready while the test runs
        manifest.Spec.ProgressDeadlineSeconds = 1;
        await deployments.CreateAsync(manifest);

        var deployment = await Eventually.Until(
            () => deployments.GetAsync("stuck"),
            d => d.Status?.Conditions?.Any(c => c.Type == "Progressing" && c.Status == "False") == true,
            "the Progressing condition to turn False");

        var rs = Assert.Single((await fleet.Client.Resource<ReplicaSet>("default").ListAsync()).Items);
        var progressing = deployment.Status!.Conditions!.Single(c => c.Type == "Progressing");
        Assert.Equal(("ProgressDeadlineExceeded", $"ReplicaSet \"{rs.Metadata.Name}\" has timed out progressing."), (progressing.Reason, progressing.Message));
        var available = deployment.Status.Conditions!.Single(c => c.Type == "Available");
        Assert.Equal(("False", "MinimumReplicasUnavailable"), (available.Status, available.Reason));
        var (exitCode, _, error) = await fleet.KubectlAsync("rollout", "status", "deployment/stuck", "--timeout=60s");
        Assert.Equal(1, exitCode);
        Assert.Contains("deployment \"stuck\" exceeded its progress deadline", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RolloutStatus_WithRealKubectl_WaitsUntilTheRolloutCompletes()
    {
        await using var fleet = await TestFleet.StartAsync(kubectl: true);
        await fleet.Client.Resource<Deployment>("default").CreateAsync(Manifests.Deployment("shop", 3));

        var (exitCode, output, error) = await fleet.KubectlAsync("rollout", "status", "deployment/shop", "--timeout=60s");

        Assert.True(exitCode == 0, error);
        Assert.EndsWith("deployment \"shop\" successfully rolled out\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pause_StopsTheRollout_AndResumeContinuesIt()
    {
        await using var fleet = await TestFleet.StartAsync(kubectl: true);
        var deployments = fleet.Client.Resource<Deployment>("default");
        await deployments.CreateAsync(Manifests.Deployment("cart", 2, image: "cart:v1"));
        await WaitForRolloutAsync(deployments, "cart");

        var paused = await fleet.KubectlAsync("rollout", "pause", "deployment/cart");
        Assert.True(paused.ExitCode == 0, paused.ToString());
        await SetImageAsync(deployments, "cart", "cart:v2");
        var deployment = await Eventually.Until(() => deployments.GetAsync("cart"), d => d.Status?.ObservedGeneration == 3, "the paused change to be observed");

        var progressing = deployment.Status!.Conditions!.Single(c => c.Type == "Progressing");
        Assert.Equal(("Unknown", "DeploymentPaused", "Deployment is paused"), (progressing.Status, progressing.Reason, progressing.Message));
        Assert.Single((await fleet.Client.Resource<ReplicaSet>("default").ListAsync()).Items);

        var resumed = await fleet.KubectlAsync("rollout", "resume", "deployment/cart");
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        var status = await fleet.KubectlAsync("rollout", "status", "deployment/cart", "--timeout=90s");

        Assert.True(status.ExitCode == 0, status.ToString());
        // The rollout is done once the old pods are told to stop; they are gone once the kubelet has stopped them.
        var pods = await Eventually.Until(() => fleet.ListPodsAsync("app=cart"), p => p.Count == 2 && p.All(pod => pod.Metadata.DeletionTimestamp is null), "the old pods to finish terminating");
        Assert.All(pods, p => Assert.Equal("cart:v2", p.Spec!.Containers![0].Image));
    }

    [Fact]
    public async Task RolloutUndo_GoesBackToThePreviousTemplate_AndHistoryShowsItAsTheNewestRevision()
    {
        await using var fleet = await TestFleet.StartAsync(kubectl: true);
        var deployments = fleet.Client.Resource<Deployment>("default");
        var manifest = Manifests.Deployment("search", 2, image: "search:v1");
        manifest.Metadata.Annotations = new Dictionary<string, string> { ["kubernetes.io/change-cause"] = "first release" };
        await deployments.CreateAsync(manifest);
        await WaitForRolloutAsync(deployments, "search");
        await deployments.UpdateAsync("search", d =>
        {
            d.Metadata.Annotations!["kubernetes.io/change-cause"] = "second release";
            d.Spec!.Template!.Spec!.Containers![0].Image = "search:v2";
        });
        await WaitForRolloutAsync(deployments, "search", generation: 2);

        var undo = await fleet.KubectlAsync("rollout", "undo", "deployment/search");
        var deployment = await WaitForRolloutAsync(deployments, "search", generation: 3);

        Assert.True(undo.ExitCode == 0, undo.ToString());
        Assert.Equal("deployment.apps/search rolled back\n", undo.Output);
        Assert.Equal("search:v1", deployment.Spec!.Template!.Spec!.Containers![0].Image);
        Assert.Equal("3", deployment.Metadata.Annotations!["deployment.kubernetes.io/revision"]);
        var replicaSets = (await fleet.Client.Resource<ReplicaSet>("default").ListAsync()).Items;
        Assert.Equal(2, replicaSets.Count);
        var reused = replicaSets.Single(r => r.Spec!.Template!.Spec!.Containers![0].Image == "search:v1");
        Assert.Equal(("3", "1", 2), (reused.Metadata.Annotations!["deployment.kubernetes.io/revision"], reused.Metadata.Annotations["deployment.kubernetes.io/revision-history"], reused.Spec!.Replicas));
        var history = await fleet.KubectlAsync("rollout", "history", "deployment/search");
        Assert.True(history.ExitCode == 0, history.ToString());
        var rows = history.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries))).ToList();
        Assert.Equal(["2 second release", "3 first release"], rows);
    }

    [Fact]
    public async Task CrashingImage_StallsTheRolloutAtItsProgressDeadline_AndKubectlUndoRecovers()
    {
        await using var fleet = await TestFleet.StartAsync(kubectl: true);
        var deployments = fleet.Client.Resource<Deployment>("default");
        var manifest = Manifests.Deployment("orders", 3, image: "orders:v1");
        manifest.Spec!.ProgressDeadlineSeconds = 3;
        // Like most services, it is ready only once its port answers, which a :crash container (exits after 3 s) never gets to.
        manifest.Spec.Template!.Spec!.Containers![0].ReadinessProbe = Manifests.ReadyAfter(5);
        await deployments.CreateAsync(manifest);
        await WaitForRolloutAsync(deployments, "orders");

        var setImage = await fleet.KubectlAsync("set", "image", "deployment/orders", "main=orders:crash");
        Assert.True(setImage.ExitCode == 0, setImage.ToString());
        var stalled = await fleet.KubectlAsync("rollout", "status", "deployment/orders", "--timeout=60s");

        Assert.Equal(1, stalled.ExitCode);
        Assert.Contains("deployment \"orders\" exceeded its progress deadline", stalled.Error, StringComparison.Ordinal);
        // maxUnavailable 25% of 3 rounds down to 0: the crashing pods never replace a serving one.
        var serving = await fleet.ListPodsAsync("app=orders");
        Assert.Equal(3, serving.Count(p => p.Spec!.Containers![0].Image == "orders:v1" && p.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true));
        await Eventually.Until(
            () => fleet.ListPodsAsync("app=orders"),
            p => p.Any(pod => pod.Status?.ContainerStatuses?[0].State?.Waiting?.Reason == "CrashLoopBackOff"),
            "the surge pod to crash-loop");

        var undo = await fleet.KubectlAsync("rollout", "undo", "deployment/orders");
        Assert.True(undo.ExitCode == 0, undo.ToString());
        var recovered = await fleet.KubectlAsync("rollout", "status", "deployment/orders", "--timeout=60s");

        Assert.True(recovered.ExitCode == 0, recovered.ToString());
        var pods = await Eventually.Until(() => fleet.ListPodsAsync("app=orders"), p => p.Count == 3 && p.All(pod => pod.Metadata.DeletionTimestamp is null), "the crashing pods to be gone");
        Assert.All(pods, p => Assert.Equal("orders:v1", p.Spec!.Containers![0].Image));
        var progressing = (await deployments.GetAsync("orders")).Status!.Conditions!.Single(c => c.Type == "Progressing");
        Assert.Equal(("True", "NewReplicaSetAvailable"), (progressing.Status, progressing.Reason));
    }

    private static async Task<Deployment> WaitForRolloutAsync(ResourceClient<Deployment> deployments, string name, long generation = 1) =>
        await Eventually.Until(
            () => deployments.GetAsync(name),
            d => d.Metadata.Generation == generation && d.Status?.ObservedGeneration == generation &&
                 d.Status.UpdatedReplicas == d.Spec!.Replicas && d.Status.Replicas == d.Spec.Replicas && d.Status.AvailableReplicas == d.Spec.Replicas,
            $"deployment {name} to roll out generation {generation}");

    private static async Task<(int Old, int New)> SizesAsync(ResourceClient<ReplicaSet> replicaSets)
    {
        var items = (await replicaSets.ListAsync()).Items;
        int Size(string revision) => items.SingleOrDefault(r => r.Metadata.Annotations?["deployment.kubernetes.io/revision"] == revision)?.Spec?.Replicas ?? -1;
        return (Size("1"), Size("2"));
    }

    private static Task<Deployment> SetImageAsync(ResourceClient<Deployment> deployments, string name, string image) =>
        deployments.UpdateAsync(name, d => d.Spec!.Template!.Spec!.Containers![0].Image = image);

    private static async Task<List<string?>> EventsAsync(TestFleet fleet, string name) =>
        [.. (await fleet.Client.Resource<Event>("default").ListAsync(new ListOptions { FieldSelector = $"involvedObject.name={name}" })).Items.Select(e => e.Message)];

    private static Dictionary<string, TValue> Snapshot<TValue>(Dictionary<string, TValue> map)
    {
        lock (map)
        {
            return new Dictionary<string, TValue>(map);
        }
    }
}
