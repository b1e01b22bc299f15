using Keelson.Simulator.Tables;

namespace Keelson.Simulator.Tests.Tables;

public sealed class HumanDurationTests
{
    [Theory]
    [InlineData(0, "0s")]
    [InlineData(5, "5s")]
    [InlineData(119, "119s")]
    [InlineData(120, "2m")]
    [InlineData(200, "3m20s")]
    [InlineData(599, "9m59s")]
    [InlineData(600, "10m")]
    [InlineData(3 * 3600 - 1, "179m")]
    [InlineData(3 * 3600, "3h")]
    [InlineData(5 * 3600 + 10 * 60, "5h10m")]
    [InlineData(8 * 3600 + 59 * 60, "8h")]
    [InlineData(47 * 3600, "47h")]
    [InlineData(48 * 3600, "2d")]
    [InlineData(51 * 3600, "2d3h")]
    [InlineData(8 * 86400, "8d")]
    [InlineData(400 * 86400, "400d")]
    [InlineData(730 * 86400, "2y")]
    [InlineData(3 * 365 * 86400 + 10 * 86400, "3y10d")]
    [InlineData(8 * 365 * 86400 + 100 * 86400, "8y")]
    [InlineData(-1, "0s")]
    [InlineData(-2, "<invalid>")]
    public void Format_WritesWhatApimachineryWrites(long seconds, string expected) =>
        Assert.Equal(expected, HumanDuration.Format(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Format_OfJustUnderTwoSecondsInTheFuture_IsStillNow() =>
        Assert.Equal("0s", HumanDuration.Format(TimeSpan.FromMilliseconds(-1900)));

    [Fact]
    public void Since_WithoutTimestamp_IsUnknown() =>
        Assert.Equal("<unknown>", HumanDuration.Since(null, DateTimeOffset.UnixEpoch));
}
