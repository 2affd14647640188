using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using RMBench.Core.Data;
using RMBench.Core.Models.Baselines;
using RMBench.DataGen.LengthBias;

namespace RMBench.Tests.DataGen;

public class LengthBiasDatasetTests
{
    [Theory]
    [InlineData(LengthBiasDataset.MatrixFile)]
    [InlineData(LengthBiasDataset.PairsFile)]
    public async Task The_committed_length_bias_datasets_are_exactly_what_the_generator_writes(string file)
    {
        var regenerated = Path.Combine(TestPaths.NewTempDirectory(), file);
        if (file == LengthBiasDataset.MatrixFile)
            await ParquetDatasetWriter.WriteAsync(regenerated, "style-matrix", [.. LengthBiasDataset.Matrix().Select(i => i.Row)]);
        else
            await ParquetDatasetWriter.WriteAsync(regenerated, "pairwise", [.. LengthBiasDataset.Pairs().Select(i => i.Row)]);

        var expected = Sha(Path.Combine(TestPaths.RepoRoot, "datasets", file));
        Assert.Equal(expected, Sha(regenerated));
        Assert.Contains(expected, await File.ReadAllTextAsync(Path.Combine(TestPaths.RepoRoot, "datasets", "README.md")));
    }

    [Fact]
    public void The_matrix_covers_four_domains_and_the_pairs_put_the_shorter_answer_first_in_half()
    {
        var matrix = LengthBiasDataset.Matrix();
        var pairs = LengthBiasDataset.Pairs();

        Assert.Equal(200, matrix.Count);
        Assert.Equal(["chat", "code", "math", "safety"], matrix.Select(i => i.Row.Subset).Distinct().Order(StringComparer.Ordinal));
        Assert.All(matrix.GroupBy(i => i.Row.Subset), g => Assert.Equal(50, g.Select(i => i.Row.Prompt).Distinct().Count()));
        Assert.Equal(200, pairs.Count);
        Assert.Equal(100, pairs.Count(p => Chars(p.Row.Chosen[0]) < Chars(p.Row.Rejected[0])));
        Assert.Equal(100, pairs.Count(p => Chars(p.Row.Chosen[0]) > Chars(p.Row.Rejected[0])));
        // The wrong answer's detailed versions are longer and carry more decoration (the markdown adds a callout).
        Assert.All(matrix, i => Assert.True(Chars(i.Row.Rejected[2]) > Chars(i.Row.Chosen[2]) && i.Row.Rejected[2].Contains("> ✅")));
    }

    /// <summary>Recomputes each template's right answer from the prompt alone and finds it in every chosen style, and never in the concise rejected answer.</summary>
    [Fact]
    public void Every_chosen_answer_is_right_by_a_check_made_from_the_prompt()
    {
        foreach (var item in LengthBiasDataset.Matrix().Concat(LengthBiasDataset.Pairs()))
        {
            var row = item.Row;
            var right = ExpectedAnswer(row.Prompt);
            Assert.All(row.Chosen, c => Assert.Contains(right, c));
            if (row.Subset is not ("code" or "pairs-code") && row.Rejected.Count == 3)
                Assert.DoesNotContain(right, row.Rejected[0]);
        }
    }

    private static string ExpectedAnswer(string prompt)
    {
        int N(Match m, int group) => int.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);
        string S(long value) => value.ToString(CultureInfo.InvariantCulture);
        Match m;
        if ((m = Regex.Match(prompt, @"in (\d+) hours and (\d+) minutes")).Success) return S(N(m, 1) * 60 + N(m, 2)) + " minutes";
        if ((m = Regex.Match(prompt, @"from \w+ (\d+) to \w+ (\d+)")).Success) return S(N(m, 2) - N(m, 1) + 1) + " days";
        if ((m = Regex.Match(prompt, @"packs (\d+) boxes with (\d+) muffins each and sells (\d+)")).Success) return S(N(m, 1) * N(m, 2) - N(m, 3)) + " muffins";
        if ((m = Regex.Match(prompt, @"A (\d+) m by (\d+) m lawn .* path (\d+) m wide")).Success)
            return S((N(m, 1) + 2 * N(m, 3)) * (N(m, 2) + 2 * N(m, 3)) - N(m, 1) * N(m, 2)) + " m²";
        if ((m = Regex.Match(prompt, @"capital of (.+)\?")).Success) return Capitals[m.Groups[1].Value];
        if ((m = Regex.Match(prompt, @"\(PID (\d+)\)")).Success) return $"kill {m.Groups[1].Value}";
        if ((m = Regex.Match(prompt, @"my \S+ script (\S+) from")).Success) return m.Groups[1].Value;
        if (prompt.Contains("photos of the", StringComparison.Ordinal)) return "tripod";
        if ((m = Regex.Match(prompt, @"What does `\w+\((\d+)\)` return")).Success) return "returns " + S(N(m, 1) * (N(m, 1) + 1) / 2);
        if ((m = Regex.Match(prompt, "`vowels\\(\"(\\w+)\"\\)`")).Success) return " " + S(m.Groups[1].Value.ToLowerInvariant().Count(c => "aeiou".Contains(c)));
        if ((m = Regex.Match(prompt, @"`largest\(\[([-\d, ]+)\]\)`")).Success)
            return "returns " + S(m.Groups[1].Value.Split(", ").Select(int.Parse).Max());
        throw new InvalidOperationException($"no check for prompt: {prompt}");
    }

    /// <summary>Capitals checked against an atlas, not against the generator's table.</summary>
    private static readonly Dictionary<string, string> Capitals = new()
    {
        ["Australia"] = "Canberra", ["Canada"] = "Ottawa", ["Turkey"] = "Ankara", ["Brazil"] = "Brasília", ["Switzerland"] = "Bern",
        ["Nigeria"] = "Abuja", ["Pakistan"] = "Islamabad", ["New Zealand"] = "Wellington", ["Morocco"] = "Rabat",
        ["Vietnam"] = "Hanoi", ["Tanzania"] = "Dodoma", ["Kazakhstan"] = "Astana",
    };

    private static int Chars(string text) => LengthModel.CountCodePoints(text);

    internal static string Sha(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))).ToLowerInvariant();
}
