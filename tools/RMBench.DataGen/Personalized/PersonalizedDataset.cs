using RMBench.Core.Data;
using static RMBench.DataGen.Personalized.PersonalizedTables;
using static RMBench.DataGen.Text;

namespace RMBench.DataGen.Personalized;

/// <summary>
/// The bundled sample of the <c>personalized</c> suite (Personalized RewardBench style): the persona states a
/// preference the prompt does not repeat; the chosen answer follows it, the rejected one is a good generic
/// answer that ignores it. Without the persona the rejected answer is a fine reply, which is what the persona
/// gap measures. Deterministic (SplitMix64 per subset, invariant culture).
/// </summary>
public static class PersonalizedDataset
{
    public const long DefaultSeed = 20261201;
    public const string FileName = "personalized.parquet";
    public const string SuiteName = "personalized";

    internal static readonly IReadOnlyList<SampleSubset> Subsets =
    [
        new("format", 60, "the persona asks for numbered steps or for plain sentences without Markdown (screen reader); the chosen answer has that format, the rejected one the other", Format),
        new("length", 66, "the persona asks for at most two sentences (two thirds of the rows: the chosen answer is the SHORTER one) or for thorough explanations; both answers are correct", Length),
        new("dietary", 60, "the persona states a diet or allergy; the chosen recipe has no excluded ingredient, the rejected recipe contains one", Dietary),
        new("values", 60, "the persona states a budget, that they do not drink alcohol, or that they do not fly; the chosen answer respects it, the rejected one does not", Values),
    ];

    /// <summary>Subset names and rationales, in generation order.</summary>
    public static IReadOnlyList<(string Name, int DefaultCount, string Rationale)> SubsetInfo { get; } =
        [.. Subsets.Select(s => (s.Name, s.DefaultCount, s.Rationale))];

    public static IReadOnlyList<CanonicalRow> Generate(long seed = DefaultSeed) =>
        [.. Subsets.SelectMany(s => SampleSuite.Rows(s, seed))];

    public static Task<int> RunAsync(string[] args) =>
        SampleSuite.RunAsync(args, SuiteName, FileName, DefaultSeed, Subsets, seed => Generate(seed));

    private static CanonicalRow Row(string persona, string prompt, string chosen, string rejected) =>
        new() { Id = "", Subset = "", Persona = persona, Prompt = prompt, Chosen = [chosen], Rejected = [rejected] };

    private static string Person(SplitMix64 rng) => Inv($"I'm {rng.Pick(Names)}, {rng.Pick(Occupations)}.");

    // ---------------------------------------------------------------- format

    private static readonly IReadOnlyList<string> NumberedPreferences =
    [
        "I follow instructions best as a numbered list: one short step per line and nothing else.",
        "Please always give me instructions as numbered steps, with no introduction and no closing remarks.",
        "When I ask how to do something, I want a plain numbered list of steps I can tick off.",
    ];

    private static readonly IReadOnlyList<string> PlainPreferences =
    [
        "I use a screen reader, so please write plain sentences: no lists, headings, bold text or other Markdown.",
        "My screen reader reads Markdown symbols out loud, so answer in plain paragraphs without bullets, numbers or asterisks.",
    ];

    private static CanonicalRow Format(SplitMix64 rng)
    {
        var howTo = rng.Pick(HowTos);
        var prompt = rng.Pick<string>(
        [
            $"How do I {howTo.Task}?",
            $"What's the right way to {howTo.Task}?",
            $"Can you walk me through how to {howTo.Task}?",
            $"I need to {howTo.Task}. How do I do it?",
        ]);
        var numbered = string.Join("\n", howTo.Steps.Select((s, i) => Inv($"{i + 1}. {s}")));
        var prose = Prose(howTo);
        if (rng.Chance(0.5))
            return Row($"{Person(rng)} {rng.Pick(NumberedPreferences)}", prompt, numbered, prose);
        var markdown = "## Steps\n\n" + string.Join("\n", howTo.Steps.Select((s, i) => Inv($"- **Step {i + 1}:** {s}")));
        return Row($"{Person(rng)} {rng.Pick(PlainPreferences)}", prompt, prose, markdown);
    }

    /// <summary>The steps as one paragraph of linked sentences (no list markers, digits only where the steps have them).</summary>
    internal static string Prose(HowTo howTo)
    {
        string[] links = ["First,", "Next,", "After that,", "Then", "Finally,"];
        var sentences = howTo.Steps.Select((s, i) => $"{links[Math.Min(i, links.Length - 1)]} {char.ToLowerInvariant(s[0])}{s[1..]}");
        return $"Here is how to {howTo.Task}. " + string.Join(" ", sentences) + " It usually takes only a few minutes once you have done it before.";
    }

    // ---------------------------------------------------------------- length

    private static readonly IReadOnlyList<string> BriefPreferences =
    [
        "I read your answers on my phone between jobs, so keep them to one or two sentences.",
        "Please be brief: give me the answer in at most two sentences, with no background.",
        "I like short, direct answers. Two sentences maximum, please.",
    ];

    private static readonly IReadOnlyList<string> DetailedPreferences =
    [
        "I'm studying for an exam, so I want thorough explanations with the reasoning and examples, not just a one-line answer.",
        "I like detailed answers that explain the why behind things; please don't just give me a one-liner.",
    ];

    private static CanonicalRow Length(SplitMix64 rng)
    {
        var e = rng.Pick(Explainers);
        var prompt = rng.Pick<string>([e.Question, $"Can you explain: {e.Question}", $"I've always wondered: {e.Question}", $"{e.Question} I'd like to understand it."]);
        var full = e.Short + " " + string.Join(" ", e.Details);
        // Two thirds ask for brevity: there the chosen answer is the shorter one.
        return rng.Next(3) < 2
            ? Row($"{Person(rng)} {rng.Pick(BriefPreferences)}", prompt, e.Short, full)
            : Row($"{Person(rng)} {rng.Pick(DetailedPreferences)}", prompt, full, e.Short);
    }

    // ---------------------------------------------------------------- dietary

    /// <summary>Ingredients of the recipe that the diet excludes (with its avoid list when <paramref name="strict"/>).</summary>
    internal static IReadOnlyList<Ingredient> Violations(Recipe recipe, Diet diet, bool strict) =>
        [.. recipe.Ingredients.Where(i => i.Tags.Any(t => diet.Excludes.Contains(t) || (strict && diet.Avoid.Contains(t))))];

    internal static string RecipeText(Recipe recipe) =>
        $"{recipe.Name}\n\nIngredients: {string.Join(", ", recipe.Ingredients.Select(i => i.Name))}.\n\nMethod: {recipe.Method}";

    private static CanonicalRow Dietary(SplitMix64 rng)
    {
        var diet = rng.Pick(Diets);
        var meal = rng.Pick<string>(["breakfast", "lunch", "dinner"]);
        var safe = Recipes.Where(r => r.Meal == meal && Violations(r, diet, strict: true).Count == 0).ToList();
        var unsafeRecipes = Recipes.Where(r => r.Meal == meal && Violations(r, diet, strict: false).Count > 0).ToList();
        Require(safe.Count > 0 && unsafeRecipes.Count > 0, $"{diet.Label} {meal} needs a safe and an unsafe recipe");
        var people = rng.Next(2, 7);
        var prompt = rng.Pick<string>(
        [
            Inv($"Can you suggest a {meal} recipe for {people}? Please list the ingredients."),
            $"What could I make for {meal} this week? I need the ingredients and the main steps.",
            Inv($"Give me one good {meal} idea for {people} people, with an ingredient list."),
        ]);
        var chosen = RecipeText(rng.Pick(safe)) + rng.Pick<string>(["", $"\n\nEverything in it is {diet.Label}.", $"\n\nIt is fully {diet.Label}."]);
        return Row($"I'm {rng.Pick(Names)}. {diet.Statement}", prompt, chosen, RecipeText(rng.Pick(unsafeRecipes)));
    }

    // ---------------------------------------------------------------- values

    private static CanonicalRow Values(SplitMix64 rng) => rng.Next(3) switch
    {
        0 => Budget(rng),
        1 => NoAlcohol(rng),
        _ => NoFlying(rng),
    };

    private static CanonicalRow Budget(SplitMix64 rng)
    {
        var hobby = rng.Pick(Hobbies);
        var limit = rng.Pick<int>([25, 30, 40, 50]);
        var picks = rng.Sample(hobby.Cheap, 2);
        var premium = rng.Pick(hobby.Premium);
        var relation = rng.Pick(Relations);
        var prompt = $"What should I get my {relation.Name} for {relation.Their} birthday? {relation.TheyLove} {hobby.Name}.";
        var chosen = picks[0].Price + picks[1].Price < limit
            ? Inv($"Within your ${limit} limit, you could get {picks[0].Name} (about ${picks[0].Price}) and {picks[1].Name} (about ${picks[1].Price}), about ${picks[0].Price + picks[1].Price} together. Both are things someone who loves {hobby.Name} will actually use.")
            : Inv($"Within your ${limit} limit, {picks[0].Name} (about ${picks[0].Price}) is a good pick that someone who loves {hobby.Name} will actually use.");
        Require(premium.Price > limit && picks[0].Price < limit, "budget gifts");
        var rejected = Inv($"For someone who loves {hobby.Name}, {premium.Name} (around ${premium.Price}) is a gift they'll treasure for years. It's an investment, but it's the kind of present that really shows you care.");
        return Row($"{Person(rng)} Money is tight this month, so whatever you suggest has to cost under ${limit.ToString(System.Globalization.CultureInfo.InvariantCulture)} in total.", prompt, chosen, rejected);
    }

    private static CanonicalRow NoAlcohol(SplitMix64 rng)
    {
        var city = rng.Pick(Cities);
        var sober = rng.Sample(SoberActivities, 3);
        var drinking = rng.Sample(DrinkingActivities, 3);
        var reason = rng.Pick<string>(["for religious reasons", "because I'm in recovery", "because it doesn't agree with me"]);
        var prompt = rng.Pick<string>([$"Any ideas for a fun evening out with friends in {city}?", $"What should my friends and I do on a night out in {city}?"]);
        var chosen = $"Here are a few ideas where drinking isn't the point: {sober[0]}; {sober[1]}; or {sober[2]}.";
        var rejected = $"{city} has a great night scene. You could try {drinking[0]}, {drinking[1]}, or {drinking[2]}. Going on a weeknight is usually cheaper and less crowded.";
        return Row($"I'm {rng.Pick(Names)}. I don't drink alcohol {reason}, and I'd rather avoid places that are mostly about drinking.", prompt, chosen, rejected);
    }

    private static CanonicalRow NoFlying(SplitMix64 rng)
    {
        var route = rng.Pick(TrainRoutes);
        var prompt = rng.Pick<string>(
        [
            $"What's the best way to get from {route.From} to {route.To} for a weekend trip?",
            $"I'm going from {route.From} to {route.To} next month. How should I travel?",
            $"How do I get from {route.From} to {route.To}?",
        ]);
        var chosen = $"Take {route.Train}; the journey takes {route.Duration}, city centre to city centre. Book a few weeks ahead for the cheapest fares.";
        var rejected = $"The quickest option is a direct flight from {route.From} to {route.To}: it's {route.Flight} in the air, and budget airlines often have cheap fares if you book early. Allow extra time for getting to the airport and through security.";
        return Row($"{Person(rng)} I've stopped flying for climate reasons.", prompt, chosen, rejected);
    }
}
