using System.Globalization;
using System.Text;
using System.Xml;
using RMBench.Core.Gate;

namespace RMBench.Reports.Gate;

/// <summary>
/// junit.xml for CI test reporters: one &lt;testsuite&gt; per gated suite plus one named "overall", one
/// &lt;testcase&gt; per check. A suite's checks are the pairing checks that got it gated (paired items, dataset
/// sha256, invalid scores; refusals never reach a report) and the decision on its metric: PASS passes, FAIL
/// is a &lt;failure&gt;, INCONCLUSIVE is &lt;skipped&gt; (not a failure, but visible; the exit code 2 says it).
/// Per-subset numbers go to the suite's &lt;system-out&gt;.
/// <para>
/// Safety: every name comes from data, so all text is written through <see cref="XmlWriter"/> (escaped),
/// characters XML 1.0 cannot carry (control characters, lone surrogates, U+FFFE/U+FFFF) are removed first,
/// and line breaks in attributes are written as character references so they survive parsing.
/// </para>
/// </summary>
public static class GateJunit
{
    public static string Render(GateResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var settings = new XmlWriterSettings
        {
            Indent = true,
            NewLineChars = "\n",
            NewLineHandling = NewLineHandling.Entitize,
            Encoding = new UTF8Encoding(false),
            CheckCharacters = true,
        };
        // A stream (not a StringWriter) so that the declaration says utf-8, the encoding the file is written in.
        var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, settings))
        {
            var suites = result.Suites.Select(s => Checks(s, result.Settings)).ToList();
            var overall = new Check("gate decision", result.Decision, Overall(result));
            var all = suites.SelectMany(s => s.Checks).Append(overall).ToList();

            xml.WriteStartDocument();
            xml.WriteStartElement("testsuites");
            Attribute(xml, "name", $"rmbench gate: {result.Candidate.ModelId} vs {result.Baseline.ModelId}");
            Counts(xml, all);
            foreach (var (suite, checks) in suites)
            {
                xml.WriteStartElement("testsuite");
                Attribute(xml, "name", suite.Name);
                Counts(xml, checks);
                Properties(xml, result,
                    ("metric", suite.Metric), ("method", suite.Method), ("decision", suite.Decision.Text()),
                    ("baseline_value", Number(suite.BaselineValue)), ("candidate_value", Number(suite.CandidateValue)),
                    ("difference", Number(suite.Difference)), ("ci_low", Number(suite.CiLow)), ("ci_high", Number(suite.CiHigh)));
                foreach (var check in checks) TestCase(xml, suite.Name, check);
                xml.WriteStartElement("system-out");
                xml.WriteString(Clean(string.Join("\n", suite.Subsets.Select(s =>
                    $"subset {s.Name}: {s.Items} items, baseline {Number(s.Baseline)}, candidate {Number(s.Candidate)}, difference {Number(s.Difference)}"))));
                xml.WriteEndElement();
                xml.WriteEndElement();
            }
            xml.WriteStartElement("testsuite");
            Attribute(xml, "name", "overall");
            Counts(xml, [overall]);
            Properties(xml, result, ("decision", result.Decision.Text()), ("exit_code", result.ExitCode.ToString(CultureInfo.InvariantCulture)));
            TestCase(xml, "overall", overall);
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>A testcase: its name, its outcome (PASS passes) and the message.</summary>
    private sealed record Check(string Name, GateDecision Decision, string Message);

    private static (SuiteGate Suite, IReadOnlyList<Check> Checks) Checks(SuiteGate suite, GateSettings settings)
    {
        IReadOnlyList<Check> checks =
        [
            new("items paired by id", GateDecision.Pass, $"{suite.Items} items in both runs, {suite.Clusters} prompts"),
            new("dataset sha256 match", GateDecision.Pass, "both runs scored the same data"),
            new("invalid scores within threshold", GateDecision.Pass, $"invalid items: baseline {suite.BaselineInvalid}, candidate {suite.CandidateInvalid}"),
            new($"{suite.Metric} non-inferior to the baseline within {Number(settings.MarginPoints)} pp ({suite.Method})", suite.Decision, string.Join("\n", suite.Reasons)),
        ];
        return (suite, checks);
    }

    private static string Overall(GateResult result) =>
        $"{result.Decision.Text()}: " + string.Join("; ", result.Suites.Select(s => $"{s.Name} {s.Decision.Text()}"));

    private static void TestCase(XmlWriter xml, string suite, Check check)
    {
        xml.WriteStartElement("testcase");
        Attribute(xml, "classname", $"rmbench.gate.{suite}");
        Attribute(xml, "name", check.Name);
        switch (check.Decision)
        {
            case GateDecision.Fail:
                xml.WriteStartElement("failure");
                Attribute(xml, "type", "FAIL");
                Attribute(xml, "message", FirstLine(check.Message));
                xml.WriteString(Clean(check.Message));
                xml.WriteEndElement();
                break;
            case GateDecision.Inconclusive:
                xml.WriteStartElement("skipped");
                Attribute(xml, "message", "INCONCLUSIVE: " + FirstLine(check.Message));
                xml.WriteEndElement();
                break;
            default:
                xml.WriteStartElement("system-out");
                xml.WriteString(Clean(check.Message));
                xml.WriteEndElement();
                break;
        }
        xml.WriteEndElement();
    }

    private static void Counts(XmlWriter xml, IReadOnlyCollection<Check> checks)
    {
        Attribute(xml, "tests", checks.Count.ToString(CultureInfo.InvariantCulture));
        Attribute(xml, "failures", checks.Count(c => c.Decision == GateDecision.Fail).ToString(CultureInfo.InvariantCulture));
        Attribute(xml, "errors", "0");
        Attribute(xml, "skipped", checks.Count(c => c.Decision == GateDecision.Inconclusive).ToString(CultureInfo.InvariantCulture));
    }

    private static void Properties(XmlWriter xml, GateResult result, params (string Name, string Value)[] extra)
    {
        xml.WriteStartElement("properties");
        (string, string)[] models =
        [
            ("baseline_model", result.Baseline.ModelId), ("baseline_digest", result.Baseline.Digest), ("baseline_run", result.Baseline.Run),
            ("candidate_model", result.Candidate.ModelId), ("candidate_digest", result.Candidate.Digest), ("candidate_run", result.Candidate.Run),
            ("margin_points", Number(result.Settings.MarginPoints)), ("alpha", Number(result.Settings.Alpha)),
        ];
        foreach (var (name, value) in models.Concat(extra))
        {
            xml.WriteStartElement("property");
            Attribute(xml, "name", name);
            Attribute(xml, "value", value);
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    }

    private static void Attribute(XmlWriter xml, string name, string? value) => xml.WriteAttributeString(name, Clean(value));

    private static string FirstLine(string text)
    {
        var cut = text.IndexOf('\n');
        return cut < 0 ? text : text[..cut];
    }

    private static string Number(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    /// <summary>
    /// Removes what XML 1.0 cannot carry: C0 controls other than tab, line feed and carriage return, lone
    /// surrogates, U+FFFE and U+FFFF. Everything else (including direction overrides) is kept and escaped by the writer.
    /// </summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[++i]);
                continue;
            }
            if (char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF' || (c < '\u0020' && c is not ('\t' or '\n' or '\r'))) continue;
            sb.Append(c);
        }
        return sb.ToString();
    }
}
