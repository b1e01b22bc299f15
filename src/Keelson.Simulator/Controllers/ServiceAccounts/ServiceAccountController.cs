using Keelson.Kubernetes.Informers;
using Keelson.Kubernetes.Resources;
using Keelson.Simulator.Api;

namespace Keelson.Simulator.Controllers.ServiceAccounts;

/// <summary>
/// kube-controller-manager's service account controller: every active namespace has a
/// <c>default</c> service account, created with the namespace and again when it is deleted.
/// (Since 1.24 no token secret goes with it.)
/// </summary>
internal sealed class ServiceAccountController : Controller
{
    private const string DefaultName = "default";

    /// <summary>Creates the controller of one cluster.</summary>
    public ServiceAccountController(SimulationContext cluster)
        : base(cluster, "serviceaccount-controller")
    {
        Watch(cluster.Kinds.Namespace, e =>
        {
            if (e.Type != Store.StoreEventType.Deleted && !e.Object.Terminating)
            {
                Queue.Add(e.Object.Key);
            }
        });
        Watch(cluster.Kinds.ServiceAccount, e =>
        {
            if (e.Type == Store.StoreEventType.Deleted && e.Object.Key.Name == DefaultName)
            {
                Queue.Add(new ObjectKey("", e.Object.Key.Namespace));
            }
        });
    }

    /// <inheritdoc />
    protected override void Reconcile(ObjectKey key)
    {
        var ns = Cluster.Store.Table(Cluster.Kinds.Namespace).Get(key);
        if (ns is null || ns.Terminating || Cluster.Registry.Get(Cluster.Kinds.ServiceAccount, key.Name, DefaultName) is not null)
        {
            return;
        }

        var account = new ServiceAccount
        {
            ApiVersion = "v1",
            Kind = "ServiceAccount",
            Metadata = new ObjectMeta { Name = DefaultName, Namespace = key.Name },
        };
        try
        {
            Cluster.Registry.Create(Cluster.Kinds.ServiceAccount, account, Name);
        }
        catch (ApiException e) when (e.Code is 403 or 404 or 409)
        {
            // The namespace started terminating or went away, or someone created the account first.
        }
    }
}
