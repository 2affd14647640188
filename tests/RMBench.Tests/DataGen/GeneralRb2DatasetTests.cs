using System.Data;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using RMBench.Core.Data;
using RMBench.DataGen.GeneralRb2;

namespace RMBench.Tests.DataGen;

/// <summary>
/// The RewardBench 2 part of the general suite's bundled data: bytes pinned, every preferred answer
/// re-checked here with code independent of the generator.
/// </summary>
public class GeneralRb2DatasetTests
{
    private static readonly IReadOnlyList<Rb2Item> Bon = Rb2Dataset.GenerateBestOfN();
    private static readonly IReadOnlyList<Rb2Item> Ties = Rb2Dataset.GenerateTies();

    [Theory]
    [InlineData(Rb2Dataset.BonFileName)]
    [InlineData(Rb2Dataset.TiesFileName)]
    public async Task The_committed_file_is_exactly_what_the_generator_writes(string file)
    {
        var regenerated = Path.Combine(TestPaths.NewTempDirectory(), file);
        await ParquetDatasetWriter.WriteAsync(regenerated, Rb2Dataset.Kind, Rb2Dataset.Rows(file == Rb2Dataset.BonFileName ? Bon : Ties));

        var committed = Path.Combine(TestPaths.RepoRoot, "datasets", file);
        var expected = Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(committed))).ToLowerInvariant();
        Assert.Equal(expected, Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(regenerated))).ToLowerInvariant());
        Assert.Contains(expected, await File.ReadAllTextAsync(Path.Combine(TestPaths.RepoRoot, "datasets", "README.md")));
    }

    [Fact]
    public void Best_of_4_subsets_have_50_rows_of_one_correct_and_three_incorrect_answers()
    {
        Assert.Equal(200, Bon.Count);
        Assert.Equal(new Dictionary<string, int> { ["bon-factuality"] = 50, ["bon-precise-if"] = 50, ["bon-math"] = 50, ["bon-focus"] = 50 },
            Bon.GroupBy(i => i.Row.Subset).ToDictionary(g => g.Key, g => g.Count()));
        Assert.All(Bon, i => Assert.Equal((1, 3), (i.Row.Chosen.Count, i.Row.Rejected.Count)));
        Assert.Equal(200, Bon.Select(i => i.Row.Id).Distinct().Count());
        Assert.Equal(Rb2Dataset.Rows(Bon).Select(r => r.Id), Rb2Dataset.Rows(Rb2Dataset.GenerateBestOfN()).Select(r => r.Id));
        Assert.NotEqual(Bon.Select(i => i.Row.Prompt), Rb2Dataset.GenerateBestOfN(seed: 7).Select(i => i.Row.Prompt));
    }

    private static string Bold(string answer) => Regex.Matches(answer, @"\*\*(.+?)\*\*")[^1].Groups[1].Value;

    [Fact]
    public void Factuality_chosen_states_the_truth_and_each_rejected_a_different_falsehood()
    {
        foreach (var item in Bon.Where(i => i.Row.Subset == "bon-factuality"))
        {
            Assert.Equal(item.Check.Expected, Bold(item.Row.Chosen[0]));
            Assert.Equal(item.Check.Wrong, item.Row.Rejected.Select(Bold));
            Assert.DoesNotContain(item.Check.Expected, item.Check.Wrong);
            // Weekday items: recompute the weekday of the date in the prompt.
            var date = Regex.Match(item.Row.Prompt, @"\d{1,2} [A-Z][a-z]+ \d{4}");
            if (date.Success)
                Assert.Equal(DateTime.ParseExact(date.Value, "d MMMM yyyy", CultureInfo.InvariantCulture).DayOfWeek.ToString(), item.Check.Expected);
        }
    }

    [Fact]
    public void Math_chosen_answer_is_the_value_of_the_problem_and_rejected_answers_are_other_numbers()
    {
        using var table = new DataTable();
        foreach (var item in Bon.Where(i => i.Row.Subset == "bon-math"))
        {
            var value = Convert.ToDecimal(table.Compute(item.Check.Expression, null), CultureInfo.InvariantCulture);
            Assert.Equal(value.ToString(CultureInfo.InvariantCulture), Bold(item.Row.Chosen[0]));
            var wrong = item.Row.Rejected.Select(Bold).ToList();
            Assert.Equal(3, wrong.Distinct().Count());
            Assert.DoesNotContain(Bold(item.Row.Chosen[0]), wrong);
            // Every number of the problem statement appears in the chosen working.
            foreach (Match n in Regex.Matches(item.Row.Prompt, @"\d+")) Assert.Contains(n.Value, item.Row.Chosen[0]);
        }
    }

    [Fact]
    public void Precise_instruction_holds_for_the_chosen_answer_and_fails_for_every_rejected_one()
    {
        static bool Obeys(string constraint, string s)
        {
            var words = s.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var parts = constraint.Split(':');
            return parts[0] switch
            {
                "exact-words" => words.Length == int.Parse(parts[1], CultureInfo.InvariantCulture),
                "no-commas" => !s.Contains(','),
                "uppercase" => !s.Any(char.IsLower),
                "starts-with" => words[0].Trim('"', ',') == parts[1],
                "ends-with" => words[^1].TrimEnd('.', '!', '?') == parts[1],
                _ => throw new InvalidOperationException(constraint),
            };
        }
        var items = Bon.Where(i => i.Row.Subset == "bon-precise-if").ToList();
        Assert.True(items.Select(i => i.Check.Constraint!.Split(':')[0]).Distinct().Count() >= 5);
        foreach (var item in items)
        {
            Assert.True(Obeys(item.Check.Constraint!, item.Row.Chosen[0]), $"{item.Row.Id}: {item.Check.Constraint}");
            Assert.All(item.Row.Rejected, r => Assert.False(Obeys(item.Check.Constraint!, r), $"{item.Row.Id}: {r}"));
        }
    }

    [Fact]
    public void Focus_chosen_answer_gives_the_asked_value_and_no_rejected_answer_does()
    {
        foreach (var item in Bon.Where(i => i.Row.Subset == "bon-focus"))
        {
            Assert.Contains(item.Check.Constraint!, item.Row.Prompt); // the country asked about
            Assert.Contains(item.Check.Expected, item.Row.Chosen[0]);
            Assert.Contains(item.Check.Constraint!, item.Row.Chosen[0]);
            Assert.All(item.Row.Rejected, r => Assert.DoesNotContain(item.Check.Expected, r));
        }
    }

    [Fact]
    public void Ties_rows_pair_up_per_prompt_with_the_same_prompt_and_incorrect_answers()
    {
        Assert.Equal(2 * Rb2Dataset.TiesPromptCount, Ties.Count);
        for (var n = 1; n <= Rb2Dataset.TiesPromptCount; n++)
        {
            var reference = Ties.Single(i => i.Row.Id == $"ref:{n}").Row;
            var tied = Ties.Single(i => i.Row.Id == $"tied:{n}").Row;
            Assert.Equal(reference.Prompt, tied.Prompt); // same prompt text: same bootstrap cluster
            Assert.Single(reference.Chosen);
            Assert.InRange(tied.Chosen.Count, 2, 4);
            Assert.Equal(tied.Chosen[0], reference.Chosen[0]);
            Assert.Equal(reference.Rejected, tied.Rejected);
            Assert.All(new[] { reference, tied }, r => Assert.Equal("ties", r.Subset));
        }
    }

    [Fact]
    public void Ties_correct_numbers_have_the_property_and_incorrect_ones_do_not()
    {
        foreach (var item in Ties)
        {
            var (property, low, high) = (item.Check.Constraint!, item.Check.Low, item.Check.High);
            bool Has(int n)
            {
                var parts = property.Split(':');
                var arg = parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : 0;
                return parts[0] switch
                {
                    "prime" => n > 1 && Enumerable.Range(2, n - 2).All(d => n % d != 0),
                    "multiple" => n % arg == 0,
                    "digit-sum" => n >= 10 && n <= 99 && n / 10 + n % 10 == arg,
                    "square" => Enumerable.Range(0, n + 1).Any(r => r * r == n),
                    "leap-year" => DateTime.IsLeapYear(n),
                    _ => throw new InvalidOperationException(property),
                };
            }
            int Number(string answer) => int.Parse(Regex.Match(answer, @"^\d+").Value, CultureInfo.InvariantCulture);
            Assert.All(item.Row.Chosen, a => Assert.True(Has(Number(a)) && Number(a) > low && Number(a) < high, $"{item.Row.Id}: {a}"));
            Assert.All(item.Row.Rejected, a => Assert.False(Has(Number(a)), $"{item.Row.Id}: {a}"));
            Assert.All(item.Row.Rejected, a => Assert.InRange(Number(a), low + 1, high - 1));
        }
    }
}
