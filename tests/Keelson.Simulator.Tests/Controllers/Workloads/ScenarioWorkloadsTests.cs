using Keelson.Kubernetes;
using Keelson.Kubernetes.Resources;
using Keelson.Simulator.Hosting;
using Keelson.Simulator.Scenarios;

namespace Keelson.Simulator.Tests.Controllers.Workloads;

public sealed class ScenarioWorkloadsTests
{
    private const string Scenario = """
        seed: 1
        clusters:
          - name: c1
            nodePools: [{name: pool, count: 3}]
            workloads:
              - {namespace: shop, name: web, replicas: 3, image: "shop/web:1.2", cpu: 250m, memory: 256Mi, port: 8080,
                 labels: {team: storefront}, pdb: {minAvailable: "2"}}
              - {namespace: shop, name: db, kind: StatefulSet, replicas: 2, image: "postgres:15.6", cpu: "2", memory: 4Gi, cpuLimit: "4", port: 5432}
              - {namespace: logging, name: log-agent, kind: DaemonSet, image: "fluent/fluent-bit:3.0.4", cpu: 100m, memory: 128Mi}
        """;

    [Fact]
    public async Task ScenarioWorkloads_AreDeployedWhenTheClusterStarts()
    {
        await using var fleet = await TestFleet.StartAsync(ScenarioLoader.Parse(Scenario, "test scenario"));

        var web = await Eventually.Until(
            () => fleet.Client.Resource<Deployment>("shop").GetOrNullAsync("web"),
            d => d?.Status?.AvailableReplicas == 3,
            "the web deployment to run 3 replicas");
        Assert.Equal(new Dictionary<string, string> { ["app"] = "web", ["team"] = "storefront" }, web!.Metadata.Labels);
        Assert.Equal("web", web.Spec!.Selector!.MatchLabels!["app"]);
        var container = Assert.Single(web.Spec.Template!.Spec!.Containers!);
        Assert.Equal(("web", "shop/web:1.2", 8080), (container.Name, container.Image, container.Ports![0].Port));
        Assert.Equal(("250m", "256Mi"), (container.Resources!.Requests!["cpu"].ToString(), container.Resources.Requests["memory"].ToString()));
        Assert.Equal(["memory"], container.Resources.Limits!.Keys);
        Assert.Equal("256Mi", container.Resources.Limits["memory"].ToString());

        var service = await fleet.Client.Resource<Service>("shop").GetAsync("web");
        Assert.Equal(("web", 8080, "ClusterIP"), (service.Spec!.Selector!["app"], service.Spec.Ports![0].Port, service.Spec.Type));
        Assert.NotNull(service.Spec.ClusterIP);
        var pdb = await fleet.Client.Resource<PodDisruptionBudget>("shop").GetAsync("web");
        Assert.Equal((IntOrString?)2, pdb.Spec!.MinAvailable);

        var db = await fleet.Client.Resource<StatefulSet>("shop").GetAsync("db");
        Assert.Equal((2, "db"), (db.Spec!.Replicas, db.Spec.ServiceName));
        Assert.Equal("4", db.Spec.Template!.Spec!.Containers![0].Resources!.Limits!["cpu"].ToString());
        Assert.Equal("None", (await fleet.Client.Resource<Service>("shop").GetAsync("db")).Spec!.ClusterIP);
        Assert.Null(await fleet.Client.Resource<PodDisruptionBudget>("shop").GetOrNullAsync("db"));

        var agent = await fleet.Client.Resource<DaemonSet>("logging").GetAsync("log-agent");
        Assert.Equal("fluent/fluent-bit:3.0.4", agent.Spec!.Template!.Spec!.Containers![0].Image);
        Assert.Null(await fleet.Client.Resource<Service>("logging").GetOrNullAsync("log-agent"));
        Assert.Equal("Active", (await fleet.Client.Resource<Namespace>().GetAsync("logging")).Status!.Phase);
        await Eventually.Until(() => fleet.Client.Resource<ServiceAccount>("logging").GetOrNullAsync("default"), a => a is not null, "the new namespace's default service account");
    }

    [Fact]
    public async Task DemoFleet_DeploysTheShopInEveryCluster()
    {
        var demo = ScenarioLoader.Demo();
        await using var host = await SimulatorHost.StartAsync(demo, new SimulatorOptions());

        foreach (var cluster in demo.Clusters)
        {
            using var client = new KubernetesClient(host.ClientOptions(cluster.Name));
            var wanted = cluster.Workloads.Where(w => w.Kind == "Deployment").Select(w => $"{w.Namespace}/{w.Name}").Order().ToList();
            await Eventually.Until(
                async () => (await client.Resource<Deployment>().ListAsync()).Items.Select(d => $"{d.Metadata.Namespace}/{d.Metadata.Name}").Order().ToList(),
                d => d.SequenceEqual(wanted),
                $"the demo deployments of cluster {cluster.Name}");
            Assert.Equal(2, (await client.Resource<StatefulSet>().ListAsync()).Items.Count);
            Assert.Equal("log-agent", Assert.Single((await client.Resource<DaemonSet>().ListAsync()).Items).Metadata.Name);
        }

        var leaking = demo.Clusters.SelectMany(c => c.Workloads).Where(w => w.Usage.LeakPerHour is not null).Select(w => w.Name).Distinct();
        Assert.Equal(["order-history-api"], leaking);
        Assert.True(demo.Clusters.Sum(c => c.Workloads.Count) >= 48, "the demo fleet runs some dozens of applications");
    }
}
