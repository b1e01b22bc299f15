using Keelson.Core.Access;
using Keelson.Core.Audit;
using Keelson.Storage;
using Keelson.Storage.Tests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Keelson.Core.Tests.Access;

/// <summary>Keelson's access services over a throwaway migrated database and a hand-moved clock.</summary>
internal sealed class AccessHarness : IAsyncDisposable
{
    public const string Password = "correct horse battery staple";

    private AccessHarness(TestDatabase test, KeelsonDatabase database, FakeTime time, ServiceProvider services)
    {
        Test = test;
        Database = database;
        Time = time;
        Services = services;
    }

    public TestDatabase Test { get; }

    public KeelsonDatabase Database { get; }

    public FakeTime Time { get; }

    public ServiceProvider Services { get; }

    public UserService Users => Services.GetRequiredService<UserService>();

    public TeamService Teams => Services.GetRequiredService<TeamService>();

    public GrantService Grants => Services.GetRequiredService<GrantService>();

    public AccessAuthorizer Authorizer => Services.GetRequiredService<AccessAuthorizer>();

    public ApiTokenService Tokens => Services.GetRequiredService<ApiTokenService>();

    public SessionService Sessions => Services.GetRequiredService<SessionService>();

    public LoginService Login => Services.GetRequiredService<LoginService>();

    public AuditLog Audit => Services.GetRequiredService<AuditLog>();

    public static AuditActor Admin { get; } = new("root", "10.0.0.1");

    public static async Task<AccessHarness> CreateAsync(DatabaseDialect dialect)
    {
        var time = new FakeTime();
        var (test, database) = await TestDatabase.CreateMigratedAsync(dialect, time);
        var services = new ServiceCollection()
            .AddLogging(l => l.ClearProviders())
            .AddSingleton(database)
            .AddSingleton<TimeProvider>(time)
            .AddKeelsonAccess()
            .BuildServiceProvider(validateScopes: true);
        return new AccessHarness(test, database, time, services);
    }

    public Task<User> CreateUserAsync(string name) => Users.CreateAsync(Admin, name, Password, CancellationToken.None);

    public async Task<IReadOnlyList<AuditRecord>> AuditRecordsAsync(string action) =>
        (await Audit.QueryAsync(new AuditQuery { Action = action }, CancellationToken.None)).Records;

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Test.DisposeAsync();
    }
}
