using Keelson.Kubernetes.Resources;
using EndpointsObject = Keelson.Kubernetes.Resources.Endpoints;

namespace Keelson.Simulator.Tests.Controllers.Endpoints;

public sealed class EndpointsControllerTests
{
    private const string WebService = """
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: default, labels: {team: shop}}
        spec:
          selector: {app: web}
          ports:
            - {name: http, port: 80, targetPort: http}
            - {name: metrics, port: 9090, targetPort: 9090}
        """;

    [Fact]
    public async Task Endpoints_OfSelectedPods_FollowTheirReadiness()
    {
        await using var fleet = await TestFleet.StartAsync();
        await fleet.Client.Resource<Service>("default").CreateAsync(Manifests.FromYaml<Service>(WebService));
        // web-a takes a few seconds to get ready; web-b never gets ready while the test runs.
        await CreatePodAsync(fleet, "web-a", namedPort: true, readiness: Manifests.ReadyAfter(5));
        await CreatePodAsync(fleet, "web-b", namedPort: true, readiness: Manifests.ReadyAfter(3600));

        var endpoints = await WaitForEndpointsAsync(fleet, e => NotReady(e).Count == 2);
        Assert.Empty(Ready(endpoints));
        var subset = Assert.Single(endpoints.Subsets!);
        Assert.Equal(["http:8080/TCP", "metrics:9090/TCP"], subset.Ports!.Select(p => $"{p.Name}:{p.Port}/{p.Protocol}").Order(StringComparer.Ordinal));
        Assert.Equal("shop", endpoints.Metadata.Labels!["team"]);
        Assert.True(endpoints.Metadata.Annotations!.ContainsKey("endpoints.kubernetes.io/last-change-trigger-time"));

        endpoints = await WaitForEndpointsAsync(fleet, e => Ready(e).Count == 1);
        var address = Assert.Single(Ready(endpoints));
        Assert.Equal(("Pod", "web-a"), (address.TargetRef!.Kind, address.TargetRef.Name));
        Assert.False(string.IsNullOrEmpty(address.NodeName));
        Assert.Equal(["web-b"], NotReady(endpoints).Select(a => a.TargetRef!.Name));

        // A pod being deleted leaves at once, before it is gone.
        await fleet.Pods().DeleteAsync("web-a");
        await WaitForEndpointsAsync(fleet, e => Ready(e).Count == 0 && NotReady(e).Count == 1);
    }

    [Fact]
    public async Task Endpoints_OfPodWithoutTheNamedPort_ListItOnlyUnderTheNumericPort()
    {
        await using var fleet = await TestFleet.StartAsync();
        await fleet.Client.Resource<Service>("default").CreateAsync(Manifests.FromYaml<Service>(WebService));
        await CreatePodAsync(fleet, "web-a", namedPort: true);
        await CreatePodAsync(fleet, "web-b", namedPort: false);

        var endpoints = await WaitForEndpointsAsync(fleet, e => Ready(e).Count == 3);

        var byPorts = endpoints.Subsets!.ToDictionary(
            s => string.Join(",", s.Ports!.Select(p => p.Name).Order(StringComparer.Ordinal)),
            s => s.Addresses!.Select(a => a.TargetRef!.Name).Order(StringComparer.Ordinal).ToList());
        Assert.Equal(["web-a"], byPorts["http"]);
        Assert.Equal(["web-a", "web-b"], byPorts["metrics"]);
    }

    [Fact]
    public async Task Endpoints_OfHeadlessServiceOfStatefulSet_CarryPodHostnames()
    {
        await using var fleet = await TestFleet.StartAsync();
        await fleet.Client.Resource<Service>("default").CreateAsync(Manifests.FromYaml<Service>("""
            apiVersion: v1
            kind: Service
            metadata: {name: db, namespace: default}
            spec: {clusterIP: None, selector: {app: db}}
            """));
        await fleet.Client.Resource<StatefulSet>("default").CreateAsync(Manifests.FromYaml<StatefulSet>("""
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: db, namespace: default}
            spec:
              replicas: 2
              serviceName: db
              selector: {matchLabels: {app: db}}
              template:
                metadata: {labels: {app: db}}
                spec:
                  containers: [{name: db, image: "postgres:16"}]
            """));

        var endpoints = await Eventually.Until(
            () => fleet.Client.Resource<EndpointsObject>("default").GetOrNullAsync("db"),
            e => e is not null && Ready(e).Count == 2,
            "both database pods are endpoints");

        Assert.Equal(["db-0", "db-1"], Ready(endpoints!).Select(a => a.Hostname).Order(StringComparer.Ordinal));
        Assert.Null(Assert.Single(endpoints!.Subsets!).Ports);
        Assert.Equal("", endpoints!.Metadata.Labels!["service.kubernetes.io/headless"]);
    }

    [Fact]
    public async Task Endpoints_OfDeletedService_AreRemoved()
    {
        await using var fleet = await TestFleet.StartAsync();
        await fleet.Client.Resource<Service>("default").CreateAsync(Manifests.FromYaml<Service>(WebService));
        await CreatePodAsync(fleet, "web-a", namedPort: true);
        await WaitForEndpointsAsync(fleet, e => Ready(e).Count == 1);

        await fleet.Client.Resource<Service>("default").DeleteAsync("web");

        await Eventually.True(async () => await fleet.Client.Resource<EndpointsObject>("default").GetOrNullAsync("web") is null, "the endpoints are removed");
    }

    private static Task<Pod> CreatePodAsync(TestFleet fleet, string name, bool namedPort, Probe? readiness = null)
    {
        var pod = Manifests.FromYaml<Pod>($$"""
            apiVersion: v1
            kind: Pod
            metadata:
              name: {{name}}
              namespace: default
              labels: {app: web}
            spec:
              containers:
                - name: web
                  image: "nginx:1.25"
                  ports: [{{(namedPort ? "{name: http, containerPort: 8080}" : "{containerPort: 8080}")}}]
            """);
        pod.Spec!.Containers![0].ReadinessProbe = readiness;
        return fleet.Pods().CreateAsync(pod);
    }

    private static async Task<EndpointsObject> WaitForEndpointsAsync(TestFleet fleet, Func<EndpointsObject, bool> done) =>
        (await Eventually.Until(
            () => fleet.Client.Resource<EndpointsObject>("default").GetOrNullAsync("web"),
            e => e is not null && done(e),
            "the endpoints are as expected"))!;

    private static List<EndpointAddress> Ready(EndpointsObject endpoints) => [.. (endpoints.Subsets ?? []).SelectMany(s => s.Addresses ?? [])];

    private static List<EndpointAddress> NotReady(EndpointsObject endpoints) => [.. (endpoints.Subsets ?? []).SelectMany(s => s.NotReadyAddresses ?? [])];
}
