using System.Security.Claims;
using Keelson.Core.Api;
using Keelson.Core.Audit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Keelson.Core.Access;

/// <summary>REST endpoints of access: login, the caller, users, teams, grants and API tokens.</summary>
public static class AccessEndpoints
{
    /// <summary>Maps <c>/api/v1/login</c>, <c>/me</c>, <c>/users</c>, <c>/teams</c>, <c>/grants</c>, <c>/tokens</c>.</summary>
    public static IEndpointRouteBuilder MapKeelsonAccess(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").WithTags("Access");

        api.MapPost("/login", LoginAsync).AllowAnonymous()
            .WithName("Login").WithSummary("Sign in with a password: sets the console's session cookie and, when asked, issues an API token for the CLI.");
        api.MapPost("/logout", async (HttpContext context, LoginService login, CancellationToken ct) =>
        {
            await login.SignOutAsync(context, ct);
            return Results.NoContent();
        }).WithName("Logout").WithSummary("End the console session.");
        api.MapGet("/me", async (ClaimsPrincipal user, AccessAuthorizer authorizer, TeamService teams, CancellationToken ct) =>
        {
            var name = ClusterAuthorization.NameOf(user);
            var access = await authorizer.GetAccessAsync(name, ct);
            var memberOf = await teams.ListForUserAsync(name, ct);
            return Results.Ok(new MeResponse(name, [.. memberOf.Select(t => t.Name)], [.. access.Grants.Select(g => g.ToString())]));
        }).WithName("GetMe").WithSummary("Who the caller is: teams and effective grants.");

        var users = api.MapGroup("/users");
        users.MapGet("/", async (UserService service, int? limit, string? @continue, CancellationToken ct) =>
            Results.Ok(Paging.Of((await service.ListAsync(ct)).Select(UserResponse.From).ToList(), limit, @continue)))
            .RequireAuthorization(KeelsonPolicies.PlatformViewer).WithName("ListUsers").WithSummary("List users.");
        users.MapPost("/", async (HttpContext context, CreateUserRequest request, UserService service, CancellationToken ct) =>
        {
            var user = await service.CreateAsync(AuditActor.From(context), request.Name ?? "", request.Password ?? "", ct);
            return Results.Created($"/api/v1/users/{user.Name}", UserResponse.From(user));
        }).RequireAuthorization(KeelsonPolicies.PlatformAdmin).WithName("CreateUser").WithSummary("Create a user with a password.");
        users.MapPost("/{name}/disable", async (HttpContext context, string name, UserService service, CancellationToken ct) =>
        {
            await service.DisableAsync(AuditActor.From(context), name, ct);
            return Results.NoContent();
        }).RequireAuthorization(KeelsonPolicies.PlatformAdmin).WithName("DisableUser").WithSummary("Disable a user: sessions end, tokens stop working.");
        users.MapPost("/{name}/enable", async (HttpContext context, string name, UserService service, CancellationToken ct) =>
        {
            await service.EnableAsync(AuditActor.From(context), name, ct);
            return Results.NoContent();
        }).RequireAuthorization(KeelsonPolicies.PlatformAdmin).WithName("EnableUser").WithSummary("Enable a disabled user.");
        users.MapPut("/{name}/password", async (HttpContext context, ClaimsPrincipal caller, string name, PasswordRequest request, UserService service, AccessAuthorizer authorizer, CancellationToken ct) =>
        {
            // Everyone may change their own password; an admin may change anyone's.
            if (!string.Equals(ClusterAuthorization.NameOf(caller), name, StringComparison.OrdinalIgnoreCase))
            {
                await authorizer.RequirePlatformAsync(caller, Role.Admin, ct);
            }

            await service.SetPasswordAsync(AuditActor.From(context), name, request.Password ?? "", ct);
            return Results.NoContent();
        }).WithName("SetPassword").WithSummary("Set a user's password (their own, or anyone's for an admin).");

        var teams = api.MapGroup("/teams");
        teams.MapGet("/", async (TeamService service, int? limit, string? @continue, CancellationToken ct) =>
            Results.Ok(Paging.Of(await service.ListAsync(ct), limit, @continue)))
            .RequireAuthorization(KeelsonPolicies.PlatformViewer).WithName("ListTeams").WithSummary("List teams and their members.");
        teams.MapPost("/", async (HttpContext context, CreateTeamRequest request, TeamService service, CancellationToken ct) =>
        {
            var team = await service.CreateAsync(AuditActor.From(context), request.Name ?? "", ct);
            return Results.Created($"/api/v1/teams/{team.Name}", team);
        }).RequireAuthorization(KeelsonPolicies.PlatformAdmin).WithName("CreateTeam").WithSummary("Create a team.");
        teams.MapDelete("/{name}", async (HttpContext context, string name, TeamService service, CancellationToken ct) =>
        {
            await service.DeleteAsync(AuditActor.From(context), name, ct);
            return Results.NoContent();
        }).RequireAuthorization(KeelsonPolicies.PlatformAdmin).WithName("DeleteTeam").WithSummary("Delete a team (its grants go with it).");
        teams.MapPut("/{name}/members/{user}", async (HttpContext context, string name, string user, TeamService service, CancellationToken ct) =>
        {
            await service.AddMemberAsync(AuditActor.From(context), name, user, ct);
            return Results.NoContent();
        }).RequireAuthorization(KeelsonPolicies.PlatformAdmin).WithName("AddTeamMember").WithSummary("Add a user to a team.");
        teams.MapDelete("/{name}/members/{user}", async (HttpContext context, string name, string user, TeamService service, CancellationToken ct) =>
        {
            await service.RemoveMemberAsync(AuditActor.From(context), name, user, ct);
            return Results.NoContent();
        }).RequireAuthorization(KeelsonPolicies.PlatformAdmin).WithName("RemoveTeamMember").WithSummary("Remove a user from a team.");

        var grants = api.MapGroup("/grants");
        grants.MapGet("/", async (GrantService service, string? user, string? team, int? limit, string? @continue, CancellationToken ct) =>
        {
            var subject = user is not null ? GrantSubject.User(user) : team is not null ? GrantSubject.Team(team) : null;
            return Results.Ok(Paging.Of((await service.ListAsync(subject, ct)).Select(GrantResponse.From).ToList(), limit, @continue));
        }).RequireAuthorization(KeelsonPolicies.PlatformViewer).WithName("ListGrants").WithSummary("List role grants, optionally of one user or team.");
        grants.MapPost("/", async (HttpContext context, GrantRequest request, GrantService service, CancellationToken ct) =>
        {
            var grant = await service.GrantAsync(AuditActor.From(context), request.ToSubject(), Roles.Parse(request.Role ?? ""), request.ToScope(), ct);
            return Results.Created($"/api/v1/grants/{grant.Id}", GrantResponse.From(grant));
        }).RequireAuthorization(KeelsonPolicies.PlatformAdmin).WithName("CreateGrant")
            .WithSummary("Grant a role (viewer, operator, admin) to a user or team on the platform, all clusters, named clusters or clusters matching a tag selector.");
        grants.MapDelete("/{id:long}", async (HttpContext context, long id, GrantService service, CancellationToken ct) =>
        {
            await service.RevokeAsync(AuditActor.From(context), id, ct);
            return Results.NoContent();
        }).RequireAuthorization(KeelsonPolicies.PlatformAdmin).WithName("RevokeGrant").WithSummary("Revoke a grant.");

        var tokens = api.MapGroup("/tokens");
        tokens.MapGet("/", async (ClaimsPrincipal caller, ApiTokenService service, AccessAuthorizer authorizer, string? owner, int? limit, string? @continue, CancellationToken ct) =>
        {
            var who = await OwnerAsync(caller, owner, authorizer, ct);
            return Results.Ok(Paging.Of(await service.ListAsync(who, ct), limit, @continue));
        }).WithName("ListTokens").WithSummary("List API tokens: the caller's own, or another user's for an admin.");
        tokens.MapPost("/", async (HttpContext context, ClaimsPrincipal caller, CreateTokenRequest request, ApiTokenService service, AccessAuthorizer authorizer, CancellationToken ct) =>
        {
            var who = await OwnerAsync(caller, request.Owner, authorizer, ct);
            var created = await service.CreateAsync(AuditActor.From(context), who, request.Name ?? "", request.ParsedLifetime(), ct);
            return Results.Created($"/api/v1/tokens/{created.Token.Id}", new CreatedTokenResponse(created.Token, created.Plaintext));
        }).WithName("CreateToken").WithSummary("Create an API token; its value is shown once, in this answer only.");
        tokens.MapDelete("/{id:long}", async (HttpContext context, ClaimsPrincipal caller, long id, ApiTokenService service, AccessAuthorizer authorizer, string? owner, CancellationToken ct) =>
        {
            var who = await OwnerAsync(caller, owner, authorizer, ct);
            await service.RevokeAsync(AuditActor.From(context), who, id, ct);
            return Results.NoContent();
        }).WithName("RevokeToken").WithSummary("Revoke an API token at once.");
        return endpoints;
    }

    private static async Task<IResult> LoginAsync(HttpContext context, LoginRequest request, LoginService login, ApiTokenService tokens, CancellationToken ct)
    {
        var result = await login.SignInAsync(context, request.Username ?? "", request.Password ?? "", ct);
        switch (result.Outcome)
        {
            case LoginOutcome.Succeeded:
                if (!request.IssueToken)
                {
                    return Results.Ok(new LoginResponse(result.User!.Name, null, null));
                }

                var token = await tokens.CreateAsync(new AuditActor(result.User!.Name, context.Connection.RemoteIpAddress?.ToString()),
                    result.User.Name, request.TokenName ?? $"cli-{DateTimeOffset.UtcNow:yyyyMMdd-HHmmss}", null, ct);
                return Results.Ok(new LoginResponse(result.User.Name, token.Plaintext, token.Token.ExpiresAt));
            case LoginOutcome.Throttled:
                context.Response.Headers.RetryAfter = ((int)Math.Ceiling(result.RetryAfter?.TotalSeconds ?? 1)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Results.Problem(detail: result.Message, statusCode: 429);
            case LoginOutcome.Disabled:
                return Results.Problem(detail: result.Message, statusCode: 403);
            default:
                return Results.Problem(detail: result.Message ?? "wrong user name or password", statusCode: 401);
        }
    }

    private static async Task<string> OwnerAsync(ClaimsPrincipal caller, string? owner, AccessAuthorizer authorizer, CancellationToken ct)
    {
        var self = ClusterAuthorization.NameOf(caller);
        if (owner is null || string.Equals(owner, self, StringComparison.OrdinalIgnoreCase))
        {
            return self;
        }

        await authorizer.RequirePlatformAsync(caller, Role.Admin, ct);
        return owner;
    }

    /// <summary>Sign-in request.</summary>
    public sealed record LoginRequest(string? Username, string? Password, bool IssueToken = false, string? TokenName = null);

    /// <summary>Sign-in answer; the token only when one was asked for.</summary>
    public sealed record LoginResponse(string User, string? Token, DateTimeOffset? TokenExpiresAt);

    /// <summary>The caller.</summary>
    public sealed record MeResponse(string Name, IReadOnlyList<string> Teams, IReadOnlyList<string> Grants);

    /// <summary>A user as the API shows it.</summary>
    public sealed record UserResponse(string Name, DateTimeOffset CreatedAt, DateTimeOffset PasswordChangedAt, bool Disabled)
    {
        /// <summary>From the service's record.</summary>
        public static UserResponse From(User user) => new(user.Name, user.CreatedAt, user.PasswordChangedAt, user.DisabledAt is not null);
    }

    /// <summary>New user.</summary>
    public sealed record CreateUserRequest(string? Name, string? Password);

    /// <summary>New password.</summary>
    public sealed record PasswordRequest(string? Password);

    /// <summary>New team.</summary>
    public sealed record CreateTeamRequest(string? Name);

    /// <summary>
    /// A grant: a role for a user or a team over a scope — <c>platform</c>, <c>all</c> clusters,
    /// <c>clusters</c> by name, or <c>selector</c> over cluster tags.
    /// </summary>
    public sealed record GrantRequest(string? User, string? Team, string? Role, string? Scope, IReadOnlyList<string>? Clusters, string? Selector)
    {
        /// <summary>The subject.</summary>
        public GrantSubject ToSubject() => (User, Team) switch
        {
            ({ } user, null) => GrantSubject.User(user),
            (null, { } team) => GrantSubject.Team(team),
            _ => throw new AccessException(AccessErrorKind.Invalid, "give exactly one of user and team"),
        };

        /// <summary>The scope.</summary>
        public GrantScope ToScope() => Scope switch
        {
            "platform" => GrantScope.Platform,
            "all" => GrantScope.AllClusters,
            "clusters" => GrantScope.Clusters(Clusters ?? []),
            "selector" => GrantScope.MatchingTags(Selector ?? ""),
            _ => throw new AccessException(AccessErrorKind.Invalid, $"scope \"{Scope}\" is not one of platform, all, clusters (with clusters: [...]), selector (with selector: \"env=production\")"),
        };
    }

    /// <summary>A grant as the API shows it.</summary>
    public sealed record GrantResponse(long Id, string? User, string? Team, string Role, string Scope, DateTimeOffset CreatedAt, string CreatedBy)
    {
        /// <summary>From the service's record.</summary>
        public static GrantResponse From(RoleGrant grant) => new(
            grant.Id,
            grant.Subject.Kind == GrantSubjectKind.User ? grant.Subject.Name : null,
            grant.Subject.Kind == GrantSubjectKind.Team ? grant.Subject.Name : null,
            Roles.Name(grant.Role),
            grant.Scope.ToString(),
            grant.CreatedAt,
            grant.CreatedBy);
    }

    /// <summary>New API token; <c>lifetime</c> as a duration such as <c>720h</c> (default 90 days).</summary>
    public sealed record CreateTokenRequest(string? Name, string? Lifetime, string? Owner)
    {
        /// <summary>The lifetime asked for, or null for the default.</summary>
        public TimeSpan? ParsedLifetime() =>
            Lifetime is null ? null
            : Kubernetes.Yaml.GoDuration.TryParse(Lifetime, out var value) && value > TimeSpan.Zero ? value
            : throw new AccessException(AccessErrorKind.Invalid, $"lifetime \"{Lifetime}\" is not a duration such as 720h or 24h");
    }

    /// <summary>A created token: the value, shown once.</summary>
    public sealed record CreatedTokenResponse(ApiToken Token, string Value);
}
