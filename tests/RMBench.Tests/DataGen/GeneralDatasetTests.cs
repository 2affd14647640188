using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using RMBench.Core.Data;
using RMBench.Core.Suites;
using RMBench.DataGen;

namespace RMBench.Tests.DataGen;

public class GeneralDatasetTests
{
    private static readonly IReadOnlyList<GeneratedItem> Items = GeneralDataset.GenerateItems();
    private static IReadOnlyList<CanonicalRow> Rows => [.. Items.Select(i => i.Row)];

    private static string Serialize(IReadOnlyList<CanonicalRow> rows) => Program.ToJsonLines(rows);

    private static SuiteManifest Manifest() =>
        SuiteManifest.Load(Path.Combine(TestPaths.RepoRoot, "suites", "general", "suite.json"));

    [Fact]
    public void Same_seed_gives_identical_rows()
    {
        Assert.Equal(Serialize(Rows), Serialize(GeneralDataset.Generate(GeneralDataset.DefaultSeed)));
        Assert.Equal(Serialize(GeneralDataset.Generate(99, 300)), Serialize(GeneralDataset.Generate(99, 300)));
    }

    [Fact]
    public void Generation_does_not_depend_on_the_current_culture()
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NumberDecimalSeparator = ",";
        culture.NumberFormat.NumberGroupSeparator = ".";
        culture.NumberFormat.CurrencyDecimalSeparator = ",";
        culture.NumberFormat.NegativeSign = "~";
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = culture;
            Assert.Equal(Serialize(Rows), Serialize(GeneralDataset.Generate()));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Has_at_least_440_rows_with_unique_well_formed_ids()
    {
        Assert.True(Rows.Count >= 440, $"only {Rows.Count} rows");
        Assert.Equal(GeneralDataset.DefaultTotal, Rows.Count);
        Assert.Equal(Rows.Count, Rows.Select(r => r.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.All(Rows, r => Assert.Matches("^" + Regex.Escape(r.Subset) + @"-\d{3}$", r.Id));
        foreach (var s in GeneralDataset.Subsets)
            Assert.Equal(s.DefaultCount, Rows.Count(r => r.Subset == s.Name));
    }

    [Fact]
    public void Every_subset_belongs_to_exactly_one_section_of_the_suite_manifest()
    {
        var manifest = Manifest();
        Assert.Equal("general", manifest.Name);
        // The pairwise dataset carries the v1 sections; the best-of-n ones (RewardBench 2) are in no section.
        var dataset = Assert.Single(manifest.Datasets, d => d.Kind == "pairwise");
        Assert.Equal(Path.GetFullPath(Path.Combine(TestPaths.RepoRoot, "datasets", GeneralDataset.FileName)),
            Path.GetFullPath(Path.Combine(manifest.Directory, dataset.Path)));
        var sections = manifest.Sections!;
        Assert.Equal(GeneralDataset.Sections.Order(), sections.Keys.Order());

        var subsetsInData = Rows.Select(r => r.Subset).Distinct().ToArray();
        foreach (var subset in subsetsInData)
        {
            var owners = sections.Where(s => s.Value.ContainsKey(subset)).Select(s => s.Key).ToArray();
            var owner = Assert.Single(owners);
            Assert.Equal(GeneralDataset.Subsets.Single(s => s.Name == subset).Section, owner);
        }
        var subsetsInManifest = sections.Values.SelectMany(s => s.Keys).ToArray();
        Assert.Equal(subsetsInData.Order(), subsetsInManifest.Order());
        Assert.All(sections.Values.SelectMany(s => s.Values), weight => Assert.Null(weight));
    }

    [Theory]
    [InlineData(GeneralDataset.DefaultSeed)]
    [InlineData(1L)]
    [InlineData(2L)]
    [InlineData(31337L)]
    public void Between_30_and_40_percent_of_pairs_have_the_shorter_answer_chosen(long seed)
    {
        var stats = DatasetStatistics.Compute(GeneralDataset.Generate(seed));
        Assert.InRange(stats.Total.ChosenShorterShare, 0.30, 0.40);
        // ... and a good share the other way, so that a length-only model is clearly imperfect either way.
        Assert.InRange((double)stats.Total.ChosenLonger / stats.Total.Count, 0.50, 0.70);
    }

    [Fact]
    public void Chat_hard_items_always_choose_the_shorter_answer()
    {
        var hard = Rows.Where(r => Section(r.Subset) == GeneralDataset.ChatHard).ToArray();
        Assert.NotEmpty(hard);
        Assert.All(hard, r => Assert.True(r.Chosen[0].Length < r.Rejected[0].Length, r.Id));
    }

    [Fact]
    public void A_different_seed_gives_different_rows()
    {
        var other = GeneralDataset.Generate(GeneralDataset.DefaultSeed + 1);
        Assert.Equal(Rows.Select(r => r.Id), other.Select(r => r.Id)); // same ids and subset sizes ...
        var keys = Rows.Select(Key).ToHashSet();
        var shared = other.Count(r => keys.Contains(Key(r)));
        Assert.True(shared < Rows.Count / 10, $"{shared} of {Rows.Count} items repeat with another seed"); // ... different items

        foreach (var subset in GeneralDataset.Subsets)
        {
            var a = Rows.Where(r => r.Subset == subset.Name).Select(Key).ToArray();
            var b = other.Where(r => r.Subset == subset.Name).Select(Key).ToArray();
            Assert.NotEqual(a, b);
        }
    }

    [Fact]
    public void A_training_split_that_excludes_the_test_rows_shares_no_item_with_them()
    {
        var train = GeneralDataset.Generate(seed: 7, count: 1500, exclude: Rows);
        Assert.Equal(1500, train.Count);
        var keys = Rows.Select(Key).ToHashSet();
        Assert.DoesNotContain(train, r => keys.Contains(Key(r)));
    }

    [Fact]
    public void Count_is_split_over_the_subsets_in_proportion()
    {
        var rows = GeneralDataset.Generate(5, 1000);
        Assert.Equal(1000, rows.Count);
        foreach (var s in GeneralDataset.Subsets)
        {
            var expected = 1000.0 * s.DefaultCount / GeneralDataset.DefaultTotal;
            Assert.InRange(rows.Count(r => r.Subset == s.Name), Math.Floor(expected), Math.Ceiling(expected));
        }
        var tiny = GeneralDataset.Generate(5, GeneralDataset.Subsets.Count);
        Assert.Equal(GeneralDataset.Subsets.Select(s => s.Name), tiny.Select(r => r.Subset));
        Assert.Throws<ArgumentOutOfRangeException>(() => GeneralDataset.Generate(5, 3));
    }

    [Fact]
    public void No_text_is_empty_and_conversations_alternate()
    {
        foreach (var r in Rows)
        {
            Assert.False(string.IsNullOrWhiteSpace(r.Prompt), r.Id);
            var chosen = Assert.Single(r.Chosen);
            var rejected = Assert.Single(r.Rejected);
            Assert.False(string.IsNullOrWhiteSpace(chosen), r.Id);
            Assert.False(string.IsNullOrWhiteSpace(rejected), r.Id);
            Assert.NotEqual(chosen, rejected);
            if (r.System is not null) Assert.False(string.IsNullOrWhiteSpace(r.System), r.Id);
            Assert.Equal(0, r.Conversation.Count % 2);
            for (var i = 0; i < r.Conversation.Count; i++)
            {
                Assert.Equal(i % 2 == 0 ? "user" : "assistant", r.Conversation[i].Role);
                Assert.False(string.IsNullOrWhiteSpace(r.Conversation[i].Content), r.Id);
            }
            foreach (var text in new[] { r.Prompt, chosen, rejected })
                Assert.DoesNotMatch(@"\{[a-z]+\}", text); // no template placeholder left unfilled
        }
        Assert.Contains(Rows, r => r.Conversation.Count > 0);
        Assert.Contains(Rows, r => r.System is not null);
    }

    [Fact]
    public void Every_arithmetic_answer_is_the_recomputed_result_and_only_the_chosen_answer_has_it()
    {
        var arithmetic = Items.Where(i => i.Answer?.Expression is not null).ToArray();
        Assert.True(arithmetic.Length >= 100, $"only {arithmetic.Length} arithmetic items");
        Assert.Contains(arithmetic, i => i.Row.Subset == "reasoning-math");
        foreach (var item in arithmetic)
        {
            var check = item.Answer!;
            var value = Arithmetic.Evaluate(check.Expression!);
            var expected = check.Format switch
            {
                "money" => "$" + Round(value, 2).ToString("F2", CultureInfo.InvariantCulture),
                "clock" => Clock((int)Round(value, 0)),
                "number" => Round(value, check.Decimals).ToString("F" + check.Decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
                var other => throw new InvalidOperationException($"unknown format {other}"),
            };
            Assert.True(ContainsToken(check.Answer, expected), $"{item.Row.Id}: {check.Expression} = {expected}, but the answer is {check.Answer}");
        }
    }

    [Fact]
    public void Every_checked_answer_is_in_the_final_answer_span_of_chosen_and_absent_from_rejected()
    {
        var checkedItems = Items.Where(i => i.Answer is not null).ToArray();
        Assert.Contains(checkedItems, i => i.Answer!.Format == "output");
        foreach (var item in checkedItems)
        {
            var (check, row) = (item.Answer!, item.Row);
            Assert.NotEqual(check.Answer, check.WrongAnswer);
            var chosen = FinalAnswer(row.Chosen[0], check.Format);
            var rejected = FinalAnswer(row.Rejected[0], check.Format);
            if (check.Format == "output")
            {
                Assert.Equal(check.Answer, chosen);
                Assert.Equal(check.WrongAnswer, rejected);
            }
            else
            {
                Assert.True(ContainsToken(chosen, check.Answer), $"{row.Id}: chosen says '{chosen}', expected '{check.Answer}'");
                Assert.True(ContainsToken(rejected, check.WrongAnswer), $"{row.Id}: rejected says '{rejected}', expected '{check.WrongAnswer}'");
                Assert.False(ContainsToken(rejected, check.Answer), $"{row.Id}: rejected final answer '{rejected}' is the right one");
            }
        }
    }

    [Fact]
    public void Chosen_answers_obey_the_stated_constraint_and_rejected_ones_break_it()
    {
        var constrained = Items.Where(i => i.Constraint is not null).ToArray();
        Assert.Equal(6, constrained.Select(i => i.Constraint!.Kind).Distinct().Count());
        foreach (var item in constrained)
        {
            var (c, id) = (item.Constraint!, item.Row.Id);
            var (chosen, rejected) = (item.Row.Chosen[0], item.Row.Rejected[0]);
            switch (c.Kind)
            {
                case "exact-words":
                    Assert.Contains(c.Value.ToString(CultureInfo.InvariantCulture), item.Row.Prompt, StringComparison.Ordinal);
                    Assert.Equal(c.Value, Words(chosen));
                    Assert.NotEqual(c.Value, Words(rejected));
                    break;
                case "max-words":
                    Assert.True(Words(chosen) < c.Value, id);
                    Assert.True(Words(rejected) >= c.Value, id);
                    break;
                case "lowercase":
                    Assert.Equal(chosen.ToLowerInvariant(), chosen);
                    Assert.NotEqual(rejected.ToLowerInvariant(), rejected);
                    break;
                case "no-letter-e":
                    Assert.DoesNotContain("e", chosen, StringComparison.OrdinalIgnoreCase);
                    Assert.Contains("e", rejected, StringComparison.OrdinalIgnoreCase);
                    break;
                case "bullets":
                    var lines = chosen.Split('\n');
                    Assert.Equal(c.Value, lines.Length);
                    Assert.All(lines, l => Assert.StartsWith("- ", l));
                    var rejectedLines = rejected.Split('\n');
                    Assert.False(rejectedLines.Length == c.Value && rejectedLines.All(l => l.StartsWith("- ", StringComparison.Ordinal)), id);
                    break;
                case "json-only":
                    using (var doc = JsonDocument.Parse(chosen)) Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);
                    Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(rejected));
                    break;
                default:
                    Assert.Fail($"{id}: unknown constraint {c.Kind}");
                    break;
            }
        }
    }

    [Fact]
    public void Suite_readme_shows_the_current_statistics()
    {
        var readme = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "suites", "general", "README.md")).ReplaceLineEndings("\n");
        Assert.Contains(DatasetStatistics.Compute(Rows).ToMarkdown(), readme, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_tool_validates_its_arguments()
    {
        Assert.Equal(0, await Program.Main(["--dry-run", "--seed", "3", "--count", "50"]));
        Assert.Equal(3, await Program.Main(["--count", "0"]));
        Assert.Equal(3, await Program.Main(["--count", "5"]));
        Assert.Equal(3, await Program.Main(["--seed", "x"]));
        Assert.Equal(3, await Program.Main(["--bogus"]));
    }

    [Fact]
    public async Task The_tool_writes_a_json_lines_copy_in_dry_run_mode()
    {
        var dir = TestPaths.NewTempDirectory();
        try
        {
            var path = Path.Combine(dir, "general.jsonl");
            Assert.Equal(0, await Program.Main(["--dry-run", "--jsonl", path]));
            var lines = File.ReadAllLines(path);
            Assert.Equal(GeneralDataset.DefaultTotal, lines.Length);
            using var first = JsonDocument.Parse(lines[0]);
            Assert.Equal("chat-facts-001", first.RootElement.GetProperty("id").GetString());
            Assert.False(File.Exists(Path.Combine(dir, GeneralDataset.FileName)));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    // ------------------------------------------------------------------ helpers

    private static string Section(string subset) => GeneralDataset.Subsets.Single(s => s.Name == subset).Section;

    private static string Key(CanonicalRow r) =>
        string.Join('\u001f', [r.System ?? "", .. r.Conversation.Select(t => t.Role + ":" + t.Content), r.Prompt, r.Chosen[0], r.Rejected[0]]);

    private static int Words(string text) => text.Split([' ', '\n', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries).Length;

    private static decimal Round(decimal value, int decimals) => Math.Round(value, decimals, MidpointRounding.AwayFromZero);

    private static string Clock(int minutes)
    {
        var m = ((minutes % 1440) + 1440) % 1440;
        return (m / 60).ToString("D2", CultureInfo.InvariantCulture) + ":" + (m % 60).ToString("D2", CultureInfo.InvariantCulture);
    }

    /// <summary>The final-answer span: the first fenced block for "output", otherwise the last **bold** segment.</summary>
    private static string FinalAnswer(string response, string format)
    {
        if (format == "output")
        {
            var block = Regex.Match(response, "```[a-z]*\n(.*?)\n```", RegexOptions.Singleline);
            Assert.True(block.Success, "no fenced block in: " + response);
            return block.Groups[1].Value;
        }
        var bold = Regex.Matches(response, @"\*\*(.+?)\*\*");
        Assert.True(bold.Count > 0, "no bold answer in: " + response);
        return bold[^1].Groups[1].Value;
    }

    /// <summary>Whether <paramref name="token"/> occurs in <paramref name="text"/> not glued to other digits or letters.</summary>
    private static bool ContainsToken(string text, string token) =>
        Regex.IsMatch(text, @"(?<![\w.$])" + Regex.Escape(token) + @"(?![\w]|\.\d)");

    /// <summary>A tiny independent evaluator: + - * / unary minus, parentheses and ceil(...), in decimal.</summary>
    private sealed class Arithmetic
    {
        private readonly string _text;
        private int _pos;

        private Arithmetic(string text) => _text = text;

        public static decimal Evaluate(string expression)
        {
            var parser = new Arithmetic(expression);
            var value = parser.Sum();
            parser.Skip();
            Assert.True(parser._pos == parser._text.Length, $"trailing text in '{expression}'");
            return value;
        }

        private void Skip()
        {
            while (_pos < _text.Length && _text[_pos] == ' ') _pos++;
        }

        private bool Eat(string token)
        {
            Skip();
            if (string.CompareOrdinal(_text, _pos, token, 0, token.Length) != 0) return false;
            _pos += token.Length;
            return true;
        }

        private decimal Sum()
        {
            var value = Product();
            while (true)
            {
                if (Eat("+")) value += Product();
                else if (Eat("-")) value -= Product();
                else return value;
            }
        }

        private decimal Product()
        {
            var value = Factor();
            while (true)
            {
                if (Eat("*")) value *= Factor();
                else if (Eat("/")) value /= Factor();
                else return value;
            }
        }

        private decimal Factor()
        {
            if (Eat("-")) return -Factor();
            if (Eat("ceil("))
            {
                var inner = Sum();
                Assert.True(Eat(")"), "missing ) after ceil");
                return Math.Ceiling(inner);
            }
            if (Eat("("))
            {
                var inner = Sum();
                Assert.True(Eat(")"), "missing )");
                return inner;
            }
            Skip();
            var start = _pos;
            while (_pos < _text.Length && (char.IsAsciiDigit(_text[_pos]) || _text[_pos] == '.')) _pos++;
            Assert.True(_pos > start, $"number expected at {start} in '{_text}'");
            return decimal.Parse(_text[start.._pos], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        }
    }
}
