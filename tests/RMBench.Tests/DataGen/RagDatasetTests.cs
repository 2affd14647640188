using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using RMBench.Core.Data;
using RMBench.Core.Suites;
using RMBench.DataGen.Rag;

namespace RMBench.Tests.DataGen;

/// <summary>The rag sample: reproducible bytes, and every chosen answer checkable against the documents.</summary>
public partial class RagDatasetTests
{
    private static readonly IReadOnlyList<CanonicalRow> Rows = RagDataset.Generate();

    [Fact]
    public async Task The_committed_dataset_is_exactly_what_the_generator_writes()
    {
        var regenerated = Path.Combine(TestPaths.NewTempDirectory(), RagDataset.FileName);
        await ParquetDatasetWriter.WriteAsync(regenerated, "pairwise", RagDataset.Generate());

        var committed = Path.Combine(TestPaths.RepoRoot, "datasets", RagDataset.FileName);
        var expected = Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(committed))).ToLowerInvariant();
        Assert.Equal(expected, Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(regenerated))).ToLowerInvariant());
        Assert.Contains(expected, await File.ReadAllTextAsync(Path.Combine(TestPaths.RepoRoot, "datasets", "README.md")));
    }

    [Fact]
    public void Has_at_least_200_rows_in_exactly_the_four_rag_subsets()
    {
        Assert.True(Rows.Count >= 200);
        Assert.Equal(["abstain", "citation", "conflict", "multi-hop"], Rows.Select(r => r.Subset).Distinct().Order(StringComparer.Ordinal));
        Assert.All(Rows, r => Assert.True(r.Documents!.Count >= 3));
    }

    [Fact]
    public void Every_document_the_chosen_answer_cites_exists_and_survives_the_suites_budget_uncut()
    {
        var budget = DocumentBudget.For(SuiteManifest.Load(Path.Combine(TestPaths.RepoRoot, "suites", "rag", "suite.json")));
        foreach (var row in Rows)
        {
            var (kept, _) = budget.Apply(row.Documents!);
            foreach (var k in Cited(row.Chosen[0]))
            {
                Assert.InRange(k, 1, kept.Count);
                Assert.Equal(row.Documents![k - 1], kept[k - 1]);
            }
            Assert.All(Cited(row.Rejected[0]), k => Assert.InRange(k, 1, row.Documents!.Count));
        }
    }

    [Fact]
    public void Citation_rows_state_the_same_fact_and_only_the_chosen_one_cites_the_document_saying_it()
    {
        foreach (var row in Rows.Where(r => r.Subset == "citation"))
        {
            var (c, r) = (Cited(row.Chosen[0]).Single(), Cited(row.Rejected[0]).Single());
            var claim = Claim(row.Chosen[0]);
            Assert.Equal(claim, Claim(row.Rejected[0]));
            Assert.Equal(claim + ".", row.Documents![c - 1]);
            Assert.DoesNotContain(claim, row.Documents![r - 1]);
        }
    }

    [Fact]
    public void Abstain_rows_prefer_saying_so_over_a_claim_that_no_document_makes()
    {
        foreach (var row in Rows.Where(r => r.Subset == "abstain"))
        {
            Assert.Matches(@"^(The documents don't say|None of the documents gives)", row.Chosen[0]);
            var claim = Claim(row.Rejected[0]);
            Assert.All(row.Documents!, d => Assert.DoesNotContain(claim, d));
        }
    }

    [Fact]
    public void Conflict_rows_prefer_the_document_that_the_documents_say_holds()
    {
        foreach (var row in Rows.Where(r => r.Subset == "conflict"))
        {
            var preferred = row.Documents![Cited(row.Chosen[0])[0] - 1];
            var rejected = row.Documents![Cited(row.Rejected[0]).Single() - 1];
            Assert.Matches(@"^(Correction from|Official )|replacing the figure in earlier reports", preferred);
            Assert.Matches(@"^(Business news|Forum post)|annual report \d+: the library holds", rejected);
        }
    }

    [Fact]
    public void Multi_hop_rows_reach_the_answer_only_by_combining_the_right_two_documents()
    {
        foreach (var row in Rows.Where(r => r.Subset == "multi-hop"))
        {
            if (FounderQuestion().Match(row.Prompt) is { Success: true } founder)
            {
                var company = row.Documents!.Select(d => FoundedBy().Match(d)).Single(m => m.Success && m.Groups[2].Value == founder.Groups[1].Value).Groups[1].Value;
                var town = row.Documents!.Select(d => Regex.Match(d, "^" + Regex.Escape(company) + " is headquartered in ([^,]+),")).Single(m => m.Success).Groups[1].Value;
                Assert.EndsWith($"headquartered in {town} [{Cited(row.Chosen[0])[^1]}].", row.Chosen[0].Replace(" So the answer is " + town + ".", "", StringComparison.Ordinal));
                Assert.DoesNotContain(town, row.Rejected[0]);
            }
            else
            {
                var year = TotalQuestion().Match(row.Prompt).Groups[1].Value;
                var total = row.Documents!.Where(d => d.Contains($"In {year},", StringComparison.Ordinal) || d.EndsWith($"in {year}.", StringComparison.Ordinal))
                    .Sum(d => int.Parse(Units().Match(d).Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture));
                var text = total.ToString("N0", CultureInfo.InvariantCulture);
                Assert.Contains(text + " units", row.Chosen[0]);
                Assert.DoesNotContain(text, row.Rejected[0]);
            }
        }
    }

    private static int[] Cited(string answer) =>
        [.. Regex.Matches(answer, @"\[(\d+)\]").Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];

    /// <summary>The first sentence of an answer without its citation: "X was founded in 1990 [2]." -> "X was founded in 1990".</summary>
    private static string Claim(string answer) => answer[..answer.IndexOf(" [", StringComparison.Ordinal)];

    [GeneratedRegex(@"^In which town is the company founded by (.+) headquartered\?$")]
    private static partial Regex FounderQuestion();

    [GeneratedRegex(@"^(.+) was founded in \d+ by (.+)\.$")]
    private static partial Regex FoundedBy();

    [GeneratedRegex(@"in total in (\d+)\?$")]
    private static partial Regex TotalQuestion();

    [GeneratedRegex(@"produced ([\d,]+) units")]
    private static partial Regex Units();
}
