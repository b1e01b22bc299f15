using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Keelson.Core.Access;
using Keelson.Core.Audit;
using Keelson.Storage;

namespace Keelson.Core.Tests.Access;

public sealed class AuthenticationTests
{
    private static readonly AuditActor Root = new("root", null);

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task ApiRequest_WithoutCredentials_Gets401SayingHowToSignIn(DatabaseDialect dialect)
    {
        await using var server = await AccessWebServer.StartAsync(dialect);
        using var client = server.Client();

        using var response = await client.GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("sign in first", await DetailAsync(response), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task BrowserPage_WithoutASession_IsSentToTheSignInPage()
    {
        await using var server = await AccessWebServer.StartAsync(DatabaseDialect.Sqlite);
        using var client = server.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login", response.Headers.Location!.AbsolutePath);
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task BearerToken_AuthenticatesAsItsOwner_UntilRevoked(DatabaseDialect dialect)
    {
        await using var server = await AccessWebServer.StartAsync(dialect);
        await server.Get<UserService>().CreateAsync(Root, "alice", AccessHarness.Password, CancellationToken.None);
        var token = await server.Get<ApiTokenService>().CreateAsync(Root, "alice", "ci", null, CancellationToken.None);
        using var client = server.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Plaintext);

        var me = await client.GetFromJsonAsync<Dictionary<string, string>>("/api/me");
        await server.Get<ApiTokenService>().RevokeAsync(Root, "alice", token.Token.Id, CancellationToken.None);
        using var afterRevoke = await client.GetAsync("/api/me");

        Assert.Equal(("alice", "token", token.Token.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), (me!["name"], me["method"], me["token"]));
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke.StatusCode);
        var challenge = afterRevoke.Headers.WwwAuthenticate.ToString();
        Assert.StartsWith("Bearer realm=\"keelson\", error=\"invalid_token\", error_description=\"API token 'ci' of user 'alice' was revoked", challenge, StringComparison.Ordinal);
        Assert.StartsWith("API token \"ci\" of user \"alice\" was revoked", await DetailAsync(afterRevoke), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task SignIn_GivesAnHttpOnlySessionCookie_ThatStopsWorkingAtSignOut(DatabaseDialect dialect)
    {
        await using var server = await AccessWebServer.StartAsync(dialect);
        await server.Get<UserService>().CreateAsync(Root, "alice", AccessHarness.Password, CancellationToken.None);
        var cookies = new CookieContainer();
        using var client = server.Client(cookies);

        using var login = await client.PostAsync("/login", Form("alice", AccessHarness.Password));
        var setCookie = Assert.Single(login.Headers.GetValues("Set-Cookie"));
        var me = await client.GetFromJsonAsync<Dictionary<string, string>>("/api/me");
        var stolen = cookies.GetCookieHeader(server.Url);
        using var logout = await client.PostAsync("/logout", null);
        using var replay = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        replay.Headers.Add("Cookie", stolen);
        using var replayed = await server.Client().SendAsync(replay);

        Assert.Equal(HttpStatusCode.NoContent, login.StatusCode);
        Assert.StartsWith("keelson_session=", setCookie, StringComparison.Ordinal);
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(("alice", "session", "True"), (me!["name"], me["method"], me["hasSession"]));
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
        Assert.StartsWith("your session has ended", await DetailAsync(replayed), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task DisablingAUser_EndsTheirSignedInSessionAtOnce(DatabaseDialect dialect)
    {
        await using var server = await AccessWebServer.StartAsync(dialect);
        await server.Get<UserService>().CreateAsync(Root, "alice", AccessHarness.Password, CancellationToken.None);
        using var client = server.Client();
        (await client.PostAsync("/login", Form("alice", AccessHarness.Password))).EnsureSuccessStatusCode();

        await server.Get<UserService>().DisableAsync(Root, "alice", CancellationToken.None);
        using var response = await client.GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task PlatformAdminEndpoint_ForAViewer_Gets403NamingTheMissingGrant_AndIsAudited(DatabaseDialect dialect)
    {
        await using var server = await AccessWebServer.StartAsync(dialect);
        await server.Get<UserService>().CreateAsync(Root, "alice", AccessHarness.Password, CancellationToken.None);
        await server.Get<TeamService>().CreateAsync(Root, "sre", CancellationToken.None);
        await server.Get<TeamService>().AddMemberAsync(Root, "sre", "alice", CancellationToken.None);
        await server.Get<GrantService>().GrantAsync(Root, GrantSubject.Team("sre"), Role.Viewer, GrantScope.Platform, CancellationToken.None);
        var token = await server.Get<ApiTokenService>().CreateAsync(Root, "alice", "ci", null, CancellationToken.None);
        using var client = server.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Plaintext);

        using var response = await client.PostAsync("/api/users", null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("you need admin on the platform; you have viewer on the platform (team sre)", await DetailAsync(response));
        var denied = (await server.Get<AuditLog>().QueryAsync(new AuditQuery { Outcome = AuditOutcome.Denied }, CancellationToken.None)).Records;
        Assert.Equal(("alice", "http.post", "/api/users"), (Assert.Single(denied).Actor, denied[0].Action, denied[0].Target));
    }

    [Fact]
    public async Task PlatformAdminEndpoint_ForTheInitialAdmin_IsAllowed()
    {
        await using var server = await AccessWebServer.StartAsync(DatabaseDialect.Sqlite);
        var password = await server.Get<UserService>().EnsureInitialAdminAsync(server.Directory, CancellationToken.None);
        using var client = server.Client();
        (await client.PostAsync("/login", Form("admin", password!))).EnsureSuccessStatusCode();

        using var response = await client.PostAsync("/api/users", null);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    private static FormUrlEncodedContent Form(string user, string password) => new([new("user", user), new("password", password)]);

    private static async Task<string> DetailAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("detail").GetString()!;
    }
}
