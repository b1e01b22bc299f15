using System.Text.Json.Nodes;
using Keelson.Kubernetes.Resources;

namespace Keelson.Tests.Flows;

/// <summary>Two replicas of the real server on one PostgreSQL database: one is killed mid-run, the other finishes the run.</summary>
public sealed class FlowReplicaTests
{
    [Fact]
    public async Task ReplicaKilledMidRun_TheOtherTakesOverAfterTheLeaseExpires_AndFinishesTheRun()
    {
        await using var bed = await FlowTestBed.StartAsync(Server.TestDatabase.Postgres);
        bed.First.KillHard(); // it has done its part: the admin and cluster alpha exist
        var lease = new Dictionary<string, string> { ["KEELSON_FLOWS_LEASE_DURATION"] = "3s" };
        var a = await bed.StartNodeAsync(new Dictionary<string, string>(lease) { ["KEELSON_FLOWS_REPLICA_NAME"] = "replica-a" });
        var b = await bed.StartNodeAsync(new Dictionary<string, string>(lease) { ["KEELSON_FLOWS_REPLICA_NAME"] = "replica-b" });
        await bed.ApplyAsync(a, "slow-steps.yaml");

        var id = await bed.StartRunAsync(a, "slow-steps", new JsonObject { ["cluster"] = "alpha", ["namespace"] = "default" });
        var owner = await OwnerAsync(bed, b, id);
        var (dead, survivor, survivorName) = owner == "replica-a" ? (a, b, "replica-b") : (b, a, "replica-a");
        await WaitForTaskAsync(bed, survivor, id, "mark", "succeeded");
        dead.KillHard();
        var killedAt = DateTimeOffset.UtcNow;

        var run = await bed.WaitForEndAsync(survivor, id, TimeSpan.FromMinutes(2));

        Assert.True(run["state"]!.GetValue<string>() == "succeeded", run.ToJsonString());
        var events = await bed.EventsAsync(survivor, id);
        var takeOver = events.FirstOrDefault(e => e!["message"]!.GetValue<string>().Contains(survivorName, StringComparison.Ordinal) && DateTimeOffset.Parse(e["at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) > killedAt);
        Assert.True(takeOver is not null, $"no event says {survivorName} took run {id} over after {owner} was killed:\n{events.ToJsonString()}");
        Assert.Null(await bed.Alpha.Resource<ConfigMap>("default").GetOrNullAsync($"slow-{id}")); // the task after the kill ran
    }

    private static async Task<string> OwnerAsync(FlowTestBed bed, FlowServerNode node, long id)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            if ((await bed.RunAsync(node, id))["owner"]?.GetValue<string>() is { } owner)
            {
                return owner;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"no replica claimed run {id}");
            await Task.Delay(100);
        }
    }

    private static async Task WaitForTaskAsync(FlowTestBed bed, FlowServerNode node, long id, string task, string state)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var run = await bed.RunAsync(node, id);
            if (((JsonArray)run["tasks"]!).Any(t => t!["name"]!.GetValue<string>() == task && t["state"]!.GetValue<string>() == state))
            {
                return;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"task {task} of run {id} is not {state}: {run.ToJsonString()}");
            await Task.Delay(100);
        }
    }
}
