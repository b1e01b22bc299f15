using Keelson.Kubernetes.Resources;

namespace Keelson.Simulator.Tests.Controllers.ServiceAccounts;

public sealed class ServiceAccountControllerTests
{
    [Fact]
    public async Task NewNamespace_GetsADefaultServiceAccount_ThatComesBackWhenDeleted()
    {
        await using var fleet = await TestFleet.StartAsync();
        await fleet.Client.Resource<Namespace>().CreateAsync(new Namespace { ApiVersion = "v1", Kind = "Namespace", Metadata = new ObjectMeta { Name = "team-a" } });
        var accounts = fleet.Client.Resource<ServiceAccount>("team-a");
        var first = await Eventually.Until(() => accounts.GetOrNullAsync("default"), a => a is not null, "the default service account");

        await accounts.DeleteAsync("default");

        var second = await Eventually.Until(() => accounts.GetOrNullAsync("default"), a => a is not null && a.Metadata.Uid != first!.Metadata.Uid, "a new default service account");
        Assert.Null(second!.Secrets);
    }
}
