using Keelson.Core.Access;
using Keelson.Core.Clusters;

namespace Keelson.Core.Fleet;

/// <summary>
/// One registered cluster in the fleet view: its registry record, the view serving queries, and a
/// replacement view syncing after its credentials changed. Fields change under <see cref="Lock"/>.
/// </summary>
internal sealed class ClusterEntry(ClusterRecord record)
{
    private ClusterRecord _record = record;
    private ClusterView? _view;

    /// <summary>Guards changes of <see cref="View"/> and <see cref="Pending"/>.</summary>
    public Lock Lock { get; } = new();

    /// <summary>The cluster's name.</summary>
    public string Name => _record.Name;

    /// <summary>The registry's record (tags change without a rebuild).</summary>
    public ClusterRecord Record
    {
        get => Volatile.Read(ref _record);
        set => Volatile.Write(ref _record, value);
    }

    /// <summary>The cluster as authorization sees it.</summary>
    public ClusterTarget Target => new(Name, Record.Tags);

    /// <summary>A hash of the credentials <see cref="View"/> (or <see cref="Pending"/>) connects with.</summary>
    public string? CredentialsHash { get; set; }

    /// <summary>The view answering queries; null when the credentials did not load.</summary>
    public ClusterView? View
    {
        get => Volatile.Read(ref _view);
        set => Volatile.Write(ref _view, value);
    }

    /// <summary>A view built with new credentials, replacing <see cref="View"/> once synced.</summary>
    public ClusterView? Pending { get; set; }

    /// <summary>Why no view could be built (credentials that do not load), and since when.</summary>
    public StaleReason? StartError { get; set; }

    /// <summary>Set once the cluster left the registry: a pending view finishing its sync must not be installed.</summary>
    public bool Removed { get; set; }
}
