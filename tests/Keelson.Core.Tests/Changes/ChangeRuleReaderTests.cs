using Keelson.Core.Changes;

namespace Keelson.Core.Tests.Changes;

/// <summary>Rule files: what is accepted, and that every mistake is named by file, line, rule and field.</summary>
public sealed class ChangeRuleReaderTests
{
    public static TheoryData<string, string> InvalidFiles() => new()
    {
        {
            """
            rules:
              - name: black-friday
                kind: freeze
                timeZone: Europe/Berlinn
                windows: [{from: 2026-11-27T00:00, to: 2026-11-30T00:00}]
            """,
            "rules.yaml:4: rule \"black-friday\": timeZone: \"Europe/Berlinn\" is not an IANA time zone known here"
        },
        {
            """
            rules:
              - name: nightly
                kind: freeze
                windows:
                  - days: [sat, funday]
                    start: "22:00"
                    end: "25:00"
            """,
            "rules.yaml:7: rule \"nightly\": windows[0].end: \"25:00\" is not a time of day HH:mm"
        },
        {
            """
            rules:
              - name: nightly
                kind: freeze
                windows:
                  - days: [funday]
                    start: "22:00"
                    end: "06:00"
            """,
            "rules.yaml:5: rule \"nightly\": windows[0].days[0]: \"funday\" is not a day"
        },
        {
            """
            rules:
              - name: approvals
                kind: approval
                role: root
            """,
            "rules.yaml:4: rule \"approvals\": role: \"root\" is not a role"
        },
        {
            """
            rules:
              - name: e2e
                kind: webhook
                url: ftp://example.com
                timeout: 5 seconds
            """,
            "rules.yaml:4: rule \"e2e\": url: \"ftp://example.com\" is not an http(s) URL"
        },
        {
            """
            rules:
              - name: limit
                kind: concurrency
                limit: 0
            """,
            "rules.yaml:4: rule \"limit\": limit: expected a whole number of at least 1, found 0"
        },
        {
            """
            rules:
              - name: limit
                kind: concurrency
                limit: 1
                url: http://example.com
            """,
            "rules.yaml:5: rule \"limit\": url: unknown field for a concurrency rule; it belongs to a webhook rule"
        },
        {
            """
            rules:
              - name: x
                kind: embargo
            """,
            "rules.yaml:3: rule \"x\": kind: \"embargo\" is not a kind of rule; use freeze, approval, concurrency or webhook"
        },
        {
            """
            rules:
              - name: freeze
                kind: freeze
                windows:
                  - {from: 2026-11-30T00:00, to: 2026-11-27T00:00}
            """,
            "rules.yaml:5: rule \"freeze\": windows[0].to: 2026-11-27T00:00 is not after from"
        },
        {
            "rules: [{name: a, kind: freeze, windows: [{from: 2026-11-27}]",
            "rules.yaml:2: the YAML is malformed"
        },
        {
            "name: a\nkind: freeze\n",
            "rules.yaml:1: the file needs 'rules:' with a list of rules"
        },
    };

    [Theory]
    [MemberData(nameof(InvalidFiles))]
    public void InvalidRuleFile_NamesFileLineRuleAndField(string yaml, string expected)
    {
        var error = Assert.Throws<ChangeRuleException>(() => ChangeRuleReader.Parse(yaml, "rules.yaml"));

        Assert.Contains(error.Errors, e => e.ToString().StartsWith(expected, StringComparison.Ordinal));
        Assert.Contains("nothing was applied", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidRuleFile_ReadsEveryKind()
    {
        var rules = ChangeRuleReader.Parse("""
            rules:
              - name: weekends
                kind: freeze
                timeZone: America/New_York
                windows:
                  - {days: [weekends], start: "00:00", end: "24:00"}
                  - {days: [weekdays], start: "22:00", end: "06:00"}
                exceptions: [{date: 2026-12-24, reason: release day}]
              - {name: big, kind: approval, above: {pods: 50}, approvals: 2, expiresAfter: 4h}
              - {name: one, kind: concurrency, limit: 1}
              - {name: e2e, kind: webhook, url: "https://e2e.example.com/check", timeout: 5s}
            """, "rules.yaml");

        Assert.Equal([ChangeRuleKind.Freeze, ChangeRuleKind.Approval, ChangeRuleKind.Concurrency, ChangeRuleKind.Webhook], rules.Select(r => r.Kind));
        Assert.Equal(50, rules[1].Above!.Pods);
    }

    [Theory]
    [InlineData("2026-11-28T10:00:00Z", "2026-11-30T06:00-05:00")] // Saturday 05:00 in New York: weekend, then Sunday night until Monday 06:00
    [InlineData("2026-12-01T04:00:00Z", "2026-12-01T06:00-05:00")] // Monday 23:00: the nightly window runs into Tuesday morning
    [InlineData("2026-12-01T15:00:00Z", null)]                     // Tuesday 10:00: open
    public void RecurringWindows_FollowTheRulesTimeZone(string now, string? until)
    {
        var rule = ChangeRuleReader.Parse("""
            rules:
              - name: quiet
                kind: freeze
                timeZone: America/New_York
                windows:
                  - {days: [weekends], start: "00:00", end: "24:00"}
                  - {days: [mon, tue, wed, thu, sun], start: "22:00", end: "06:00"}
            """, "rules.yaml")[0];

        var frozen = FreezeCalendar.FrozenUntil(rule, DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(until, frozen is { } f ? FreezeCalendar.Format(f) : null);
    }
}
