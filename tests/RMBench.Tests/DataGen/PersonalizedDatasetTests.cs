using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using RMBench.Core.Data;
using RMBench.DataGen.Personalized;

namespace RMBench.Tests.DataGen;

/// <summary>The personalized sample: reproducible bytes, and every chosen answer checkably follows the persona.</summary>
public partial class PersonalizedDatasetTests
{
    private static readonly IReadOnlyList<CanonicalRow> Rows = PersonalizedDataset.Generate();

    [Fact]
    public async Task The_committed_dataset_is_exactly_what_the_generator_writes()
    {
        var regenerated = Path.Combine(TestPaths.NewTempDirectory(), PersonalizedDataset.FileName);
        await ParquetDatasetWriter.WriteAsync(regenerated, "pairwise", PersonalizedDataset.Generate());

        var committed = Path.Combine(TestPaths.RepoRoot, "datasets", PersonalizedDataset.FileName);
        var expected = Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(committed))).ToLowerInvariant();
        Assert.Equal(expected, Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(regenerated))).ToLowerInvariant());
        Assert.Contains(expected, await File.ReadAllTextAsync(Path.Combine(TestPaths.RepoRoot, "datasets", "README.md")));
    }

    [Fact]
    public void Has_at_least_200_rows_in_four_subsets_each_with_a_persona_the_prompt_does_not_repeat()
    {
        Assert.True(Rows.Count >= 200);
        Assert.Equal(["dietary", "format", "length", "values"], Rows.Select(r => r.Subset).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(Rows.Count, Rows.Select(r => r.Id).Distinct().Count());
        Assert.All(Rows, r => Assert.False(string.IsNullOrWhiteSpace(r.Persona)));
        Assert.All(Rows, r => Assert.DoesNotContain(r.Persona!, r.Prompt));
    }

    [Fact]
    public void Format_rows_give_the_persona_its_format_and_the_rejected_answer_the_other()
    {
        foreach (var row in Rows.Where(r => r.Subset == "format"))
        {
            var (chosen, rejected) = (row.Chosen[0], row.Rejected[0]);
            if (row.Persona!.Contains("numbered", StringComparison.Ordinal))
            {
                Assert.All(chosen.Split('\n'), line => Assert.Matches(@"^\d\. ", line));
                Assert.DoesNotContain('\n', rejected);
            }
            else
            {
                Assert.Contains("screen reader", row.Persona);
                Assert.False(HasMarkdown(chosen), chosen);
                Assert.True(HasMarkdown(rejected), rejected);
            }
        }
    }

    [Fact]
    public void Length_rows_follow_the_stated_length_and_mostly_prefer_the_shorter_answer()
    {
        var length = Rows.Where(r => r.Subset == "length").ToList();
        foreach (var row in length)
        {
            var brief = row.Persona!.Contains("two sentences", StringComparison.OrdinalIgnoreCase);
            var (chosen, rejected) = (row.Chosen[0], row.Rejected[0]);
            Assert.Equal(brief, chosen.Length < rejected.Length);
            Assert.True(Sentences(brief ? chosen : rejected) <= 2, brief ? chosen : rejected);
            Assert.StartsWith(brief ? chosen : rejected, brief ? rejected : chosen); // same facts, the long one adds detail
        }
        Assert.InRange(length.Count(r => r.Chosen[0].Length < r.Rejected[0].Length), length.Count / 2, length.Count);
    }

    /// <summary>Hand-written per diet: ingredients the diet excludes (and, for the chosen recipe, the arguable ones too).</summary>
    private static readonly Dictionary<string, (string[] Excluded, string[] AlsoAvoided)> Diets = new()
    {
        ["vegan"] = (["chicken thighs", "bacon", "minced beef", "salmon fillets", "ham", "tinned tuna", "pork sausages", "smoked salmon",
            "butter", "grated cheddar", "parmesan", "double cream", "Greek yogurt", "milk", "cream cheese", "eggs", "mayonnaise", "honey"], []),
        ["vegetarian"] = (["chicken thighs", "bacon", "minced beef", "salmon fillets", "ham", "tinned tuna", "pork sausages", "smoked salmon"], []),
        ["peanut allergy"] = (["peanut butter", "roasted peanuts"], ["almond milk"]),
        ["lactose intolerant"] = (["butter", "grated cheddar", "parmesan", "double cream", "Greek yogurt", "milk", "cream cheese"], []),
        ["coeliac"] = (["wheat flour", "spaghetti", "sourdough bread", "soy sauce", "a plain bagel"], ["rolled oats", "oat milk"]),
        ["halal"] = (["bacon", "ham", "pork sausages", "white wine"], ["chicken thighs", "minced beef"]),
    };

    [Fact]
    public void Dietary_rows_choose_a_recipe_without_excluded_ingredients_and_reject_one_with_them()
    {
        foreach (var row in Rows.Where(r => r.Subset == "dietary"))
        {
            var diet = Diets.Single(d => row.Persona!.Contains(d.Key, StringComparison.Ordinal)).Value;
            var chosen = Ingredients(row.Chosen[0]);
            Assert.Empty(chosen.Intersect(diet.Excluded.Concat(diet.AlsoAvoided)));
            Assert.NotEmpty(Ingredients(row.Rejected[0]).Intersect(diet.Excluded));
        }
    }

    [Fact]
    public void Values_rows_respect_the_budget_the_sobriety_or_the_no_flying_rule()
    {
        foreach (var row in Rows.Where(r => r.Subset == "values"))
        {
            var (persona, chosen, rejected) = (row.Persona!, row.Chosen[0], row.Rejected[0]);
            if (BudgetPattern().Match(persona) is { Success: true } budget)
            {
                var limit = int.Parse(budget.Groups[1].Value, CultureInfo.InvariantCulture);
                var prices = PricePattern().Matches(chosen.Split(" limit, ")[1]).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
                Assert.True(prices.Take(2).Sum() < limit, chosen);
                Assert.True(PricePattern().Matches(rejected).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Single() > limit, rejected);
            }
            else if (persona.Contains("don't drink alcohol", StringComparison.Ordinal))
            {
                Assert.DoesNotMatch(Drinking(), chosen);
                Assert.Matches(Drinking(), rejected);
            }
            else
            {
                Assert.Contains("stopped flying", persona);
                Assert.DoesNotContain("flight", chosen);
                Assert.Contains(" train ", chosen);
                Assert.Contains("flight", rejected);
            }
        }
    }

    private static bool HasMarkdown(string text) =>
        text.Contains('#') || text.Contains("**", StringComparison.Ordinal) || text.Split('\n').Any(l => l.StartsWith("- ", StringComparison.Ordinal));

    private static int Sentences(string text) => Regex.Matches(text, @"[.!?](\s|$)").Count;

    private static string[] Ingredients(string recipe) =>
        recipe.Split('\n').Single(l => l.StartsWith("Ingredients: ", StringComparison.Ordinal))["Ingredients: ".Length..].TrimEnd('.').Split(", ");

    [GeneratedRegex(@"under \$(\d+)")]
    private static partial Regex BudgetPattern();

    [GeneratedRegex(@"\$(\d+)")]
    private static partial Regex PricePattern();

    [GeneratedRegex(@"\b(wine|brewery|cocktail|gin|pub)\b")]
    private static partial Regex Drinking();
}
