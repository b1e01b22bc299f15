using Keelson.Core.Access;
using Keelson.Core.Audit;
using Keelson.Storage;

namespace Keelson.Core.Tests.Access;

public sealed class AuthorizationTests
{
    private static readonly ClusterTarget ProdA = new("prod-a", new Dictionary<string, string> { ["env"] = "production", ["tier"] = "1" });
    private static readonly ClusterTarget StagingB = new("staging-b", new Dictionary<string, string> { ["env"] = "staging", ["tier"] = "3" });

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task Authorize_WithViewerThroughATeamSelector_DeniesOperatorNamingTheMissingGrant(DatabaseDialect dialect)
    {
        await using var h = await AccessHarness.CreateAsync(dialect);
        await h.CreateUserAsync("alice");
        await h.Teams.CreateAsync(AccessHarness.Admin, "sre", CancellationToken.None);
        await h.Teams.AddMemberAsync(AccessHarness.Admin, "sre", "alice", CancellationToken.None);
        await h.Grants.GrantAsync(AccessHarness.Admin, GrantSubject.Team("sre"), Role.Viewer, GrantScope.MatchingTags("env=production"), CancellationToken.None);

        var operate = await h.Authorizer.AuthorizeAsync("alice", Role.Operator, ProdA, CancellationToken.None);
        var view = await h.Authorizer.AuthorizeAsync("alice", Role.Viewer, ProdA, CancellationToken.None);

        Assert.False(operate.IsAllowed);
        Assert.Equal("you need operator on cluster \"prod-a\"; you have viewer on clusters matching env=production (team sre)", operate.Reason);
        Assert.True(view.IsAllowed);
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task Authorize_OnAClusterNoGrantCovers_SaysSoAndListsWhatTheUserHas(DatabaseDialect dialect)
    {
        await using var h = await AccessHarness.CreateAsync(dialect);
        await h.CreateUserAsync("alice");
        await h.Grants.GrantAsync(AccessHarness.Admin, GrantSubject.User("alice"), Role.Admin, GrantScope.Clusters(["staging-b", "staging-c"]), CancellationToken.None);

        var decision = await h.Authorizer.AuthorizeAsync("alice", Role.Viewer, ProdA, CancellationToken.None);

        Assert.Equal("you need viewer on cluster \"prod-a\"; you have no grant that covers it (you have admin on clusters \"staging-b\", \"staging-c\")", decision.Reason);
        Assert.True((await h.Authorizer.AuthorizeAsync("alice", Role.Admin, StagingB, CancellationToken.None)).IsAllowed);
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task AuthorizePlatform_WithOnlyClusterGrants_IsDenied(DatabaseDialect dialect)
    {
        await using var h = await AccessHarness.CreateAsync(dialect);
        await h.CreateUserAsync("alice");
        await h.Grants.GrantAsync(AccessHarness.Admin, GrantSubject.User("alice"), Role.Admin, GrantScope.AllClusters, CancellationToken.None);

        var decision = await h.Authorizer.AuthorizePlatformAsync("alice", Role.Viewer, CancellationToken.None);

        Assert.Equal("you need viewer on the platform; you have no grant that covers it", decision.Reason);
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task Authorize_ForADisabledUser_DeniesEvenWithGrants(DatabaseDialect dialect)
    {
        await using var h = await AccessHarness.CreateAsync(dialect);
        await h.CreateUserAsync("alice");
        await h.Grants.GrantAsync(AccessHarness.Admin, GrantSubject.User("alice"), Role.Admin, GrantScope.AllClusters, CancellationToken.None);
        await h.Users.DisableAsync(AccessHarness.Admin, "alice", CancellationToken.None);

        var decision = await h.Authorizer.AuthorizeAsync("alice", Role.Viewer, ProdA, CancellationToken.None);

        Assert.Equal("you need viewer on cluster \"prod-a\"; user \"alice\" is disabled (a platform admin can enable it)", decision.Reason);
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task Revoke_AndLeavingTheTeam_TakeAccessAwayAtOnce(DatabaseDialect dialect)
    {
        await using var h = await AccessHarness.CreateAsync(dialect);
        await h.CreateUserAsync("alice");
        await h.Teams.CreateAsync(AccessHarness.Admin, "sre", CancellationToken.None);
        await h.Teams.AddMemberAsync(AccessHarness.Admin, "sre", "alice", CancellationToken.None);
        await h.Grants.GrantAsync(AccessHarness.Admin, GrantSubject.Team("sre"), Role.Operator, GrantScope.AllClusters, CancellationToken.None);
        var direct = await h.Grants.GrantAsync(AccessHarness.Admin, GrantSubject.User("alice"), Role.Operator, GrantScope.Clusters(["prod-a"]), CancellationToken.None);

        await h.Teams.RemoveMemberAsync(AccessHarness.Admin, "sre", "alice", CancellationToken.None);
        Assert.True((await h.Authorizer.AuthorizeAsync("alice", Role.Operator, ProdA, CancellationToken.None)).IsAllowed);
        await h.Grants.RevokeAsync(AccessHarness.Admin, direct.Id, CancellationToken.None);

        Assert.False((await h.Authorizer.AuthorizeAsync("alice", Role.Viewer, ProdA, CancellationToken.None)).IsAllowed);
        var revoked = Assert.Single(await h.AuditRecordsAsync("grant.remove"));
        Assert.Equal("user/alice", revoked.Target);
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task Grant_GivenTwice_IsOneGrant(DatabaseDialect dialect)
    {
        await using var h = await AccessHarness.CreateAsync(dialect);
        await h.CreateUserAsync("alice");

        var first = await h.Grants.GrantAsync(AccessHarness.Admin, GrantSubject.User("alice"), Role.Viewer, GrantScope.MatchingTags("env in (staging,test)"), CancellationToken.None);
        var second = await h.Grants.GrantAsync(AccessHarness.Admin, GrantSubject.User("alice"), Role.Viewer, GrantScope.MatchingTags("env in (staging,test)"), CancellationToken.None);

        Assert.Equal(first, second);
        var listed = Assert.Single(await h.Grants.ListAsync(GrantSubject.User("alice"), CancellationToken.None));
        Assert.Equal(first, listed);
        Assert.Equal("viewer on clusters matching env in (staging,test)", listed.ToString());
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task Grant_ToAnUnknownTeam_IsNotFoundAndAuditedAsFailed(DatabaseDialect dialect)
    {
        await using var h = await AccessHarness.CreateAsync(dialect);

        var error = await Assert.ThrowsAsync<AccessException>(() =>
            h.Grants.GrantAsync(AccessHarness.Admin, GrantSubject.Team("ghosts"), Role.Viewer, GrantScope.AllClusters, CancellationToken.None));

        Assert.Equal("team \"ghosts\" does not exist", error.Message);
        Assert.Equal(AuditOutcome.Failed, Assert.Single(await h.AuditRecordsAsync("grant.add")).Outcome);
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task RoleOn_GivesTheHighestRoleOverAllGrants_OrNoneToHideTheCluster(DatabaseDialect dialect)
    {
        await using var h = await AccessHarness.CreateAsync(dialect);
        await h.CreateUserAsync("alice");
        await h.Grants.GrantAsync(AccessHarness.Admin, GrantSubject.User("alice"), Role.Viewer, GrantScope.MatchingTags("tier"), CancellationToken.None);
        await h.Grants.GrantAsync(AccessHarness.Admin, GrantSubject.User("alice"), Role.Operator, GrantScope.MatchingTags("env=staging"), CancellationToken.None);

        var access = await h.Authorizer.GetAccessAsync("alice", CancellationToken.None);

        Assert.Equal(Role.Operator, access.RoleOn(StagingB));
        Assert.Equal(Role.Viewer, access.RoleOn(ProdA));
        Assert.Null(access.RoleOn(new ClusterTarget("untagged")));
    }

    [Fact]
    public async Task Authorize_ForAnUnknownUser_IsDenied()
    {
        await using var h = await AccessHarness.CreateAsync(DatabaseDialect.Sqlite);

        var decision = await h.Authorizer.AuthorizePlatformAsync("mallory", Role.Viewer, CancellationToken.None);

        Assert.Equal("you need viewer on the platform; user \"mallory\" does not exist", decision.Reason);
    }

    [Theory]
    [InlineData("env=production", "env=production,tier=1", true)]
    [InlineData("env==production", "env=production", true)]
    [InlineData("env=production", "env=staging", false)]
    [InlineData("env!=production", "env=staging", true)]
    [InlineData("env!=production", "", true)]
    [InlineData("env!=production", "env=production", false)]
    [InlineData("tier in (1,2)", "tier=2", true)]
    [InlineData("tier in (1, 2)", "tier=3", false)]
    [InlineData("tier in (1,2)", "", false)]
    [InlineData("tier notin (3)", "", true)]
    [InlineData("tier notin (3)", "tier=3", false)]
    [InlineData("gpu", "gpu=", true)]
    [InlineData("gpu", "env=production", false)]
    [InlineData("!legacy", "env=production", true)]
    [InlineData("!legacy", "legacy=yes", false)]
    [InlineData("env=production,tier in (1,2)", "env=production,tier=1", true)]
    [InlineData("env=production, tier in (1,2)", "env=production,tier=3", false)]
    [InlineData("example.com/region=eu-west", "example.com/region=eu-west", true)]
    public void MatchingTags_CoversClustersAsKubernetesSelectorsMatchLabels(string selector, string tags, bool covered)
    {
        var cluster = new ClusterTarget("c", tags.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(t => t.Split('=')).ToDictionary(p => p[0], p => p[1]));

        Assert.Equal(covered, GrantScope.MatchingTags(selector).Covers(cluster));
    }

    [Theory]
    [InlineData("", "the selector is empty")]
    [InlineData("env=production,", "at the end: found the end, expected a label key after ','")]
    [InlineData("env=prod uction", "at character 10: found 'uction'")]
    [InlineData("tier in 1,2", "at character 9: found '1', expected '('")]
    [InlineData("-env=production", "label key \"-env\" is not valid")]
    [InlineData("env=production-", "label value \"production-\" is not valid")]
    public void MatchingTags_WithABadSelector_QuotesTheWrongPart(string selector, string message)
    {
        var error = Assert.Throws<AccessException>(() => GrantScope.MatchingTags(selector));

        Assert.Equal(AccessErrorKind.Invalid, error.Kind);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Clusters_WithAnInvalidName_IsRefused()
    {
        var error = Assert.Throws<AccessException>(() => GrantScope.Clusters(["prod-a", "Prod B"]));

        Assert.Contains("\"Prod B\" is not a cluster name", error.Message, StringComparison.Ordinal);
    }
}
