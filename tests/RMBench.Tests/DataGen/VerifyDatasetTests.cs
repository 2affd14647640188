using System.Globalization;
using System.Text.RegularExpressions;
using RMBench.Core.Data;
using RMBench.DataGen.Verify;

namespace RMBench.Tests.DataGen;

public class VerifyDatasetTests
{
    [Fact]
    public async Task The_committed_verify_dataset_is_exactly_what_the_generator_writes()
    {
        var regenerated = Path.Combine(TestPaths.NewTempDirectory(), VerifyDataset.FileName);
        await ParquetDatasetWriter.WriteAsync(regenerated, "verify", [.. VerifyDataset.Generate().Select(i => i.Row)]);

        var expected = LengthBiasDatasetTests.Sha(Path.Combine(TestPaths.RepoRoot, "datasets", VerifyDataset.FileName));
        Assert.Equal(expected, LengthBiasDatasetTests.Sha(regenerated));
        Assert.Contains(expected, await File.ReadAllTextAsync(Path.Combine(TestPaths.RepoRoot, "datasets", "README.md")));
    }

    [Fact]
    public async Task The_verify_and_length_bias_subcommands_write_the_committed_files_and_reject_bad_options()
    {
        var dir = TestPaths.NewTempDirectory();

        Assert.Equal(0, await RMBench.DataGen.Program.Main(["verify", "--out", dir]));
        Assert.Equal(0, await RMBench.DataGen.Program.Main(["length-bias", "--out", dir, "--seed", "20261201"]));
        Assert.Equal(3, await RMBench.DataGen.Program.Main(["verify", "--seed", "many"]));
        Assert.Equal(3, await RMBench.DataGen.Program.Main(["length-bias", "--count", "5"]));

        foreach (var file in new[] { "verify.parquet", "length-bias.parquet", "length-bias-pairs.parquet" })
            Assert.Equal(LengthBiasDatasetTests.Sha(Path.Combine(TestPaths.RepoRoot, "datasets", file)), LengthBiasDatasetTests.Sha(Path.Combine(dir, file)));
    }

    [Fact]
    public void Each_question_has_two_right_and_two_wrong_completions_and_a_dev_split()
    {
        var rows = VerifyDataset.Generate().Select(i => i.Row).ToList();

        Assert.Equal(256, rows.Count);
        Assert.All(rows.GroupBy(r => r.Prompt), g => Assert.Equal((2, 2), (g.Count(r => r.Label == true), g.Count(r => r.Label == false))));
        Assert.Equal(64, rows.Count(r => r.Subset == "dev"));
        Assert.Equal(["expression", "multiple-choice", "numeric", "string"], rows.Select(r => r.AnswerType).Distinct().Order(StringComparer.Ordinal));
        // The long wrong completions are the longest of their question: confidence and length do not make them right.
        Assert.All(rows.GroupBy(r => r.Prompt), g => Assert.False(g.MaxBy(r => r.Completion!.Length)!.Label));
    }

    /// <summary>Recomputes each reference from the question alone; labels say whether the completion's final answer equals it.</summary>
    [Fact]
    public void Every_reference_is_right_and_every_label_matches_the_final_answer()
    {
        foreach (var item in VerifyDataset.Generate())
        {
            var row = item.Row;
            Assert.Equal(ExpectedReference(row.Prompt), row.Reference);
            Assert.Equal(row.Label, FinalAnswer(row.Completion!) == row.Reference);
        }
    }

    private static string ExpectedReference(string question)
    {
        int N(Match m, int group) => int.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);
        Match m;
        if ((m = Regex.Match(question, @"rides (\d+) km every morning and (\d+) km every afternoon for (\d+) days")).Success)
            return ((N(m, 1) + N(m, 2)) * N(m, 3)).ToString(CultureInfo.InvariantCulture);
        if ((m = Regex.Match(question, @"Expand \(x \+ (\d+)\)\(x \+ (\d+)\)")).Success)
            return $"x^2 + {N(m, 1) + N(m, 2)}x + {N(m, 1) * N(m, 2)}";
        if ((m = Regex.Match(question, "Write the word \"(\\w+)\" backwards")).Success) return new string(m.Groups[1].Value.Reverse().ToArray());
        var options = Regex.Matches(question, @"\(([A-D])\) (\d+)").Select(o => (Letter: o.Groups[1].Value, N: int.Parse(o.Groups[2].Value, CultureInfo.InvariantCulture))).ToList();
        return options.Single(o => IsPrime(o.N)).Letter;
    }

    private static bool IsPrime(int n) => n > 1 && Enumerable.Range(2, (int)Math.Sqrt(n) - 1).All(d => n % d != 0);

    /// <summary>The completion's final answer: after the last "answer is " (up to the period, without a unit or parentheses), else the whole short completion.</summary>
    private static string FinalAnswer(string completion)
    {
        var m = Regex.Match(completion, @"answer is \(?([^.()]+?)\)?(?: km)?\.(?!.*answer is)", RegexOptions.Singleline);
        if (m.Success) return m.Groups[1].Value;
        if ((m = Regex.Match(completion, @"So the expansion is (.+?)\.")).Success) return m.Groups[1].Value;
        m = Regex.Match(completion, @"^\(([A-D])\) \d+$");
        return m.Success ? m.Groups[1].Value : completion;
    }
}
