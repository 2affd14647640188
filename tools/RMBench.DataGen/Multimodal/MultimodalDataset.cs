using System.Globalization;
using RMBench.Core.Data;

namespace RMBench.DataGen.Multimodal;

/// <summary>
/// A generated multimodal row with the shapes behind its images, so tests and audits can check that the
/// chosen side is right by looking at what was drawn. For image-pair rows Chosen/Rejected are the two
/// images' shapes; for image-response rows Chosen is the one image's shapes and Rejected is empty.
/// </summary>
public sealed record MultimodalItem(string Kind, CanonicalRow Row, IReadOnlyList<ShapeSpec> ChosenShapes, IReadOnlyList<ShapeSpec> RejectedShapes);

/// <summary>
/// The bundled sample data of the multimodal suite: flat shapes on white drawn with SkiaSharp. Each
/// subset differs in one visible property between the preferred and the rejected side (colour, shape,
/// count, left/right order), so a reader can see why the chosen side is right by looking at the images.
/// Deterministic: every subset draws from its own <see cref="SplitMix64"/> stream of the seed.
/// </summary>
public static class MultimodalDataset
{
    public const long DefaultSeed = 20261201;
    public const string PairsFile = "multimodal-pairs.parquet";
    public const string AnswersFile = "multimodal-answers.parquet";
    public const int PerSubset = 45;

    private static readonly string[] Numbers = ["zero", "one", "two", "three", "four", "five"];
    private static readonly IReadOnlyList<Shape> Shapes = Enum.GetValues<Shape>();

    /// <summary>Subsets of the image-pair file and what separates the chosen image from the rejected one.</summary>
    public static readonly IReadOnlyList<(string Name, string Rationale)> PairSubsets =
    [
        ("pair-colour", "same shape, but the rejected image paints it in another colour than the prompt names"),
        ("pair-shape", "same colour, but the rejected image draws another shape than the prompt names"),
        ("pair-count", "same shapes, but the rejected image has one more or one fewer than the prompt's number"),
        ("pair-position", "same two shapes, but the rejected image swaps them, so the prompt's left shape is on the right"),
    ];

    /// <summary>Subsets of the image-response file and what makes the rejected answer wrong.</summary>
    public static readonly IReadOnlyList<(string Name, string Rationale)> AnswerSubsets =
    [
        ("answer-colour", "the rejected answer names another colour than the shape in the image has"),
        ("answer-count", "the rejected answer's number is one off the count of shapes in the image"),
    ];

    public static IReadOnlyList<MultimodalItem> GeneratePairs(long seed = DefaultSeed) =>
    [
        .. Draw(seed, "pair-colour", PairColour),
        .. Draw(seed, "pair-shape", PairShape),
        .. Draw(seed, "pair-count", PairCount),
        .. Draw(seed, "pair-position", PairPosition),
    ];

    public static IReadOnlyList<MultimodalItem> GenerateAnswers(long seed = DefaultSeed) =>
    [
        .. Draw(seed, "answer-colour", AnswerColour),
        .. Draw(seed, "answer-count", AnswerCount),
    ];

    private static IEnumerable<MultimodalItem> Draw(long seed, string subset, Func<SplitMix64, string, string, MultimodalItem> draw)
    {
        var random = SplitMix64.Derive(seed, subset);
        for (var i = 0; i < PerSubset; i++)
            yield return draw(random, string.Create(CultureInfo.InvariantCulture, $"mm-{subset}-{i:000}"), subset);
    }

    private static MultimodalItem PairColour(SplitMix64 random, string id, string subset)
    {
        var (shape, colours) = (random.Pick(Shapes), random.Sample(NamedColour.All, 2));
        var (x, y, size) = Placement(random);
        return Pair(id, subset, $"a {colours[0].Name} {Noun(shape)} on a white background",
            [new ShapeSpec(shape, colours[0], x, y, size)], [new ShapeSpec(shape, colours[1], x, y, size)]);
    }

    private static MultimodalItem PairShape(SplitMix64 random, string id, string subset)
    {
        var (colour, shapes) = (random.Pick(NamedColour.All), random.Sample(Shapes, 2));
        var (x, y, size) = Placement(random);
        return Pair(id, subset, $"a {colour.Name} {Noun(shapes[0])} on a white background",
            [new ShapeSpec(shapes[0], colour, x, y, size)], [new ShapeSpec(shapes[1], colour, x, y, size)]);
    }

    private static MultimodalItem PairCount(SplitMix64 random, string id, string subset)
    {
        var (shape, colour, count) = (random.Pick(Shapes), random.Pick(NamedColour.All), random.Next(2, 5));
        var wrong = random.Chance(0.5) ? count - 1 : count + 1;
        return Pair(id, subset, $"{Numbers[count]} {colour.Name} {Noun(shape, count)} on a white background",
            Grid(random, shape, colour, count), Grid(random, shape, colour, wrong));
    }

    private static MultimodalItem PairPosition(SplitMix64 random, string id, string subset)
    {
        var shapes = random.Sample(Shapes, 2);
        var colours = random.Sample(NamedColour.All, 2);
        var (y, size) = (random.Next(44, 85), random.Next(16, 23));
        var (left, right) = (random.Next(28, 40), random.Next(88, 100));
        ShapeSpec At(int k, int x) => new(shapes[k], colours[k], x, y, size);
        return Pair(id, subset, $"a {colours[0].Name} {Noun(shapes[0])} to the left of a {colours[1].Name} {Noun(shapes[1])}",
            [At(0, left), At(1, right)], [At(0, right), At(1, left)]);
    }

    private static MultimodalItem AnswerColour(SplitMix64 random, string id, string subset)
    {
        var (shape, colours) = (random.Pick(Shapes), random.Sample(NamedColour.All, 2));
        var (x, y, size) = Placement(random);
        ShapeSpec[] shapes = [new(shape, colours[0], x, y, size)];
        return Answer(id, subset, shapes, $"What colour is the {Noun(shape)} in the picture?",
            $"The {Noun(shape)} is {colours[0].Name}.", $"The {Noun(shape)} is {colours[1].Name}.");
    }

    private static MultimodalItem AnswerCount(SplitMix64 random, string id, string subset)
    {
        var (shape, colour, count) = (random.Pick(Shapes), random.Pick(NamedColour.All), random.Next(1, 6));
        var wrong = count == 1 || (count < 5 && random.Chance(0.5)) ? count + 1 : count - 1;
        string Say(int n) => n == 1 ? $"There is one {Noun(shape)}." : $"There are {Numbers[n]} {Noun(shape, n)}.";
        return Answer(id, subset, Grid(random, shape, colour, count), $"How many {Noun(shape, 2)} are in the picture?", Say(count), Say(wrong));
    }

    private static MultimodalItem Pair(string id, string subset, string prompt, IReadOnlyList<ShapeSpec> chosen, IReadOnlyList<ShapeSpec> rejected) =>
        new("image-pair", new CanonicalRow
        {
            Id = id,
            Subset = subset,
            Prompt = prompt,
            ChosenImage = ShapePainter.Png(chosen),
            RejectedImage = ShapePainter.Png(rejected),
        }, chosen, rejected);

    private static MultimodalItem Answer(string id, string subset, IReadOnlyList<ShapeSpec> shapes, string prompt, string chosen, string rejected) =>
        new("image-response", new CanonicalRow
        {
            Id = id,
            Subset = subset,
            Image = ShapePainter.Png(shapes),
            Prompt = prompt,
            Chosen = [chosen],
            Rejected = [rejected],
        }, shapes, []);

    /// <summary>One shape of 24 to 40 px half-size, fully inside the canvas.</summary>
    private static (int X, int Y, int Size) Placement(SplitMix64 random)
    {
        var size = random.Next(24, 41);
        return (random.Next(size + 4, ShapePainter.Side - size - 4), random.Next(size + 4, ShapePainter.Side - size - 4), size);
    }

    /// <summary><paramref name="count"/> shapes in distinct cells of a 3 x 2 grid (42 x 64 px cells), so none overlap.</summary>
    private static IReadOnlyList<ShapeSpec> Grid(SplitMix64 random, Shape shape, NamedColour colour, int count) =>
        random.Sample(Enumerable.Range(0, 6).ToList(), count)
            .OrderBy(cell => cell)
            .Select(cell => new ShapeSpec(shape, colour, 21 + 43 * (cell % 3), 32 + 64 * (cell / 3), 14))
            .ToList();

    private static string Noun(Shape shape, int count = 1) => shape.ToString().ToLowerInvariant() + (count == 1 ? "" : "s");
}
