namespace Keelson.Core.Protection;

/// <summary>
/// Data Protection purpose strings, one per kind of secret, so a value protected for one use can
/// never be unprotected by another: <c>provider.CreateProtector(ProtectionPurposes.ClusterCredentials)</c>.
/// Add a constant here for each new kind of secret; never change an existing one (what it protected
/// could no longer be read).
/// </summary>
public static class ProtectionPurposes
{
    /// <summary>Cluster credentials at rest: kubeconfig tokens, client keys, passwords.</summary>
    public const string ClusterCredentials = "Keelson.ClusterCredentials.v1";
}
