using Keelson.Core.Audit;
using Keelson.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Keelson.Core.Access;

/// <summary>Registers Keelson's users, teams, grants, tokens, sessions, authentication and authorization.</summary>
public static class AccessServiceCollectionExtensions
{
    /// <summary>
    /// Adds the access services (<see cref="UserService"/>, <see cref="TeamService"/>, <see cref="GrantService"/>,
    /// <see cref="AccessAuthorizer"/>, <see cref="ApiTokenService"/>, <see cref="SessionService"/>,
    /// <see cref="LoginService"/>), the audit log, and ASP.NET Core authentication (default scheme
    /// <see cref="KeelsonAuthentication.Scheme"/>: session cookie or bearer token) and authorization
    /// (every endpoint requires a signed-in user unless marked <c>AllowAnonymous</c>; the
    /// <see cref="KeelsonPolicies"/>; 403 answers carry the missing grant).
    /// </summary>
    /// <remarks>
    /// Needs a migrated <see cref="KeelsonDatabase"/> registered as a singleton, and
    /// <c>AddKeelsonProtection</c> so session cookies survive restarts and work on every replica.
    /// Bind configuration with <c>configure: o =&gt; configuration.GetSection(AccessOptions.Section).Bind(o)</c>;
    /// out-of-range settings stop the host at start.
    /// </remarks>
    public static IServiceCollection AddKeelsonAccess(this IServiceCollection services, Action<AccessOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddKeelsonAudit();
        services.AddOptions<AccessOptions>().Configure(o => configure?.Invoke(o)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AccessOptions>, AccessOptionsValidator>());

        services.TryAddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        services.TryAddSingleton<UserService>();
        services.TryAddSingleton<TeamService>();
        services.TryAddSingleton<GrantService>();
        services.TryAddSingleton<AccessAuthorizer>();
        services.TryAddSingleton<ApiTokenService>();
        services.TryAddSingleton<SessionService>();
        services.TryAddSingleton<LoginThrottle>();
        services.TryAddSingleton(sp => new LoginService(
            sp.GetRequiredService<KeelsonDatabase>(),
            sp.GetRequiredService<AuditLog>(),
            sp.GetRequiredService<UserService>(),
            sp.GetRequiredService<SessionService>(),
            sp.GetRequiredService<LoginThrottle>()));
        services.TryAddSingleton<SessionCookieEvents>();

        services.AddAuthentication(KeelsonAuthentication.Scheme)
            .AddPolicyScheme(KeelsonAuthentication.Scheme, "Keelson", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? KeelsonAuthentication.TokenScheme
                    : KeelsonAuthentication.SessionScheme)
            .AddCookie(KeelsonAuthentication.SessionScheme, o =>
            {
                o.Cookie.Name = KeelsonAuthentication.CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.LoginPath = KeelsonAuthentication.LoginPath;
                o.SlidingExpiration = false;
                o.EventsType = typeof(SessionCookieEvents);
            })
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(KeelsonAuthentication.TokenScheme, null);
        services.AddOptions<CookieAuthenticationOptions>(KeelsonAuthentication.SessionScheme)
            .Configure<IOptions<AccessOptions>>((cookie, access) => cookie.ExpireTimeSpan = access.Value.SessionLifetime);

        var signedIn = new AuthorizationPolicyBuilder(KeelsonAuthentication.Scheme).RequireAuthenticatedUser().Build();
        services.AddAuthorizationBuilder()
            .SetDefaultPolicy(signedIn)
            .SetFallbackPolicy(signedIn)
            .AddPolicy(KeelsonPolicies.PlatformViewer, Platform(Role.Viewer))
            .AddPolicy(KeelsonPolicies.PlatformOperator, Platform(Role.Operator))
            .AddPolicy(KeelsonPolicies.PlatformAdmin, Platform(Role.Admin));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthorizationHandler, PlatformRoleHandler>());
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AccessDeniedResultHandler>();
        return services;
    }

    private static AuthorizationPolicy Platform(Role role) =>
        new AuthorizationPolicyBuilder(KeelsonAuthentication.Scheme).RequireAuthenticatedUser().AddRequirements(new PlatformRoleRequirement(role)).Build();
}
