using System.Xml;
using RMBench.Core.Gate;
using RMBench.Core.Suites;
using RMBench.Reports.Gate;

namespace RMBench.Tests.Gate;

public class GateReportTests
{
    /// <summary>Names that try to break XML, Markdown or the reader's eyes.</summary>
    public static readonly string[] Hostile =
    [
        "]]><script>alert(1)</script>",
        "a\u0001b\u0002c\u001Fd",
        "\"quoted\" & 'single' <tag attr=\"x\">",
        "evil\u202Egnp.exe",
        "<![CDATA[x]]>",
        "line one\nline two\r\nline three\ttab",
        "lone \uD800 surrogate and \uFFFE nonchar",
        "| pipe | `code` *bold* [link](javascript:alert(1)) <img src=x onerror=alert(1)>",
        "emoji \U0001F600 kept",
    ];

    private static GateResult HostileResult()
    {
        var suites = new Dictionary<string, IReadOnlyList<ItemOutcome>>();
        for (var s = 0; s < Hostile.Length; s++)
        {
            var subset = Hostile[(s + 1) % Hostile.Length];
            // Alternate decisions: the candidate is much worse on even suites (FAIL), identical on odd ones (INCONCLUSIVE: 60 items).
            suites[Hostile[s]] = Enumerable.Range(0, 60).Select(i => GateFixtures.Outcome(i, i % 3 == 0 ? 0 : 1, subset)).ToList();
        }
        var candidate = suites.ToDictionary(p => p.Key, p => (IReadOnlyList<ItemOutcome>)(Array.IndexOf(Hostile, p.Key) % 2 == 0
            ? p.Value.Select(o => o with { Value = 0 }).ToList()
            : p.Value));
        return GateEvaluator.Evaluate(GateFixtures.Run(Hostile[0], suites), GateFixtures.Run(Hostile[3], candidate), new GateOptions(Resamples: 200));
    }

    /// <summary>What the junit writer promises to keep: everything but the characters XML 1.0 cannot carry.</summary>
    private static string Kept(string text) => GateJunit.Clean(text);

    [Fact]
    public void Junit_with_hostile_names_is_well_formed_and_round_trips_every_name()
    {
        var result = HostileResult();
        var xml = GateJunit.Render(result);

        var document = new XmlDocument();
        document.LoadXml(xml); // throws on anything that is not well-formed XML 1.0

        var suites = document.SelectNodes("/testsuites/testsuite")!.Cast<XmlElement>().ToList();
        Assert.Equal(Hostile.Length + 1, suites.Count);
        Assert.Equal(Hostile.Select(Kept).Order(StringComparer.Ordinal),
            suites.Take(Hostile.Length).Select(s => s.GetAttribute("name")).Order(StringComparer.Ordinal));
        Assert.Equal("overall", suites[^1].GetAttribute("name"));
        var properties = document.SelectNodes("//property")!.Cast<XmlElement>().Select(p => p.GetAttribute("name") + "|" + p.GetAttribute("value")).ToHashSet();
        Assert.Contains("baseline_model|" + Kept(Hostile[0]), properties);
        Assert.Contains("candidate_model|" + Kept(Hostile[3]), properties); // RLO kept, as text
        // Subset names appear in system-out, line breaks and all.
        var systemOut = string.Join("\n", suites.Select(s => s.SelectSingleNode("system-out")?.InnerText ?? ""));
        foreach (var name in Hostile) Assert.Contains($"subset {Kept(name)}:", systemOut);
        Assert.DoesNotContain('\u0001', xml);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", xml);
        Assert.DoesNotContain("<script>", xml);
    }

    [Fact]
    public void Junit_maps_fail_to_failure_and_inconclusive_to_skipped_with_consistent_counts()
    {
        var result = HostileResult();
        var document = new XmlDocument();
        document.LoadXml(GateJunit.Render(result));

        var root = document.DocumentElement!;
        var fails = result.Suites.Count(s => s.Decision == GateDecision.Fail);
        var inconclusive = result.Suites.Count(s => s.Decision == GateDecision.Inconclusive);
        Assert.True(fails > 0 && inconclusive > 0);
        Assert.Equal(GateDecision.Fail, result.Decision);
        Assert.Equal((fails + 1).ToString(), root.GetAttribute("failures")); // + the overall decision
        Assert.Equal(inconclusive.ToString(), root.GetAttribute("skipped"));
        Assert.Equal(document.SelectNodes("//testcase")!.Count.ToString(), root.GetAttribute("tests"));
        Assert.Equal(fails + 1, document.SelectNodes("//testcase/failure")!.Count);
        Assert.Equal(inconclusive, document.SelectNodes("//testcase/skipped")!.Count);
        foreach (XmlElement skipped in document.SelectNodes("//testcase/skipped")!)
            Assert.StartsWith("INCONCLUSIVE: ", skipped.GetAttribute("message"));
    }

    [Fact]
    public void Gate_markdown_escapes_names_and_neutralises_direction_overrides()
    {
        var md = GateMarkdown.Render(HostileResult());

        // Every < [ ] ( of a name is backslash-escaped: no HTML tag, no link can start.
        Assert.DoesNotMatch(@"(?<!\\)<", md);
        Assert.DoesNotMatch(@"(?<!\\)\]\(", md);
        Assert.Contains(@"\[link\](javascript:", md); // shown as text
        Assert.DoesNotContain('\u202E', md);
        Assert.DoesNotContain('\u0001', md);
        Assert.Contains("evil\uFFFDgnp.exe", md);
        Assert.Contains("\\]\\]\\>\\<script\\>", md);
        Assert.StartsWith("# RMBench gate: FAIL\n", md);
        // Every table row has exactly the header's cell count (no name broke out of its cell).
        var rows = md.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal)).ToList();
        var cells = rows.Select(r => r.Replace("\\|", "", StringComparison.Ordinal).Count(c => c == '|')).Distinct();
        Assert.Single(cells);
        Assert.Equal(Hostile.Length + 2, rows.Count);
    }

    [Fact]
    public void Gate_json_round_trips_and_writes_decisions_in_capitals()
    {
        var result = HostileResult();
        var json = GateJson.Serialize(result);
        Assert.Contains("\"decision\": \"FAIL\"", json);
        Assert.Contains("\"p_non_inferiority_holm\"", json);
        var back = GateJson.Parse(json);
        Assert.Equal(result.Decision, back.Decision);
        // JSON is UTF-8: a lone surrogate cannot be encoded and becomes U+FFFD; everything else round-trips.
        Assert.Equal(result.Suites.Select(s => (s.Name.Replace('\uD800', '\uFFFD'), s.Decision, s.CiLow, s.PInferiorityHolm)),
            back.Suites.Select(s => (s.Name, s.Decision, s.CiLow, s.PInferiorityHolm)));
    }
}
