using Keelson.Core.Fleet;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Keelson.Core.Tests.Fleet;

public sealed class FleetOptionsTests
{
    [Fact]
    public void Options_OutOfRange_StopTheHostNamingTheKey()
    {
        using var services = new ServiceCollection().AddKeelsonFleet(o => o.ReconcileInterval = TimeSpan.Zero).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<FleetOptions>>().Value);

        Assert.Equal("Fleet:ReconcileInterval is 00:00:00; it must be between 00:00:00.1000000 and 00:10:00", Assert.Single(error.Failures));
    }
}
