using Microsoft.AspNetCore.Authorization;

namespace Keelson.Core.Access;

/// <summary>An endpoint needs <paramref name="Role"/> on the platform (see <see cref="KeelsonPolicies"/>).</summary>
/// <param name="Role">The least role that passes.</param>
public sealed record PlatformRoleRequirement(Role Role) : IAuthorizationRequirement;
