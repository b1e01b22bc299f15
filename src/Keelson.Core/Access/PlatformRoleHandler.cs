using Microsoft.AspNetCore.Authorization;

namespace Keelson.Core.Access;

/// <summary>Checks <see cref="PlatformRoleRequirement"/> against the user's grants; a failure carries the denial's reason for the 403.</summary>
internal sealed class PlatformRoleHandler(AccessAuthorizer authorizer) : AuthorizationHandler<PlatformRoleRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, PlatformRoleRequirement requirement)
    {
        if (context.User.Identity is not { IsAuthenticated: true, Name: { } name })
        {
            return; // unauthenticated: the middleware challenges (401)
        }

        var decision = await authorizer.AuthorizePlatformAsync(name, requirement.Role, CancellationToken.None);
        if (decision.IsAllowed)
        {
            context.Succeed(requirement);
        }
        else
        {
            context.Fail(new AuthorizationFailureReason(this, decision.Reason!));
        }
    }
}
