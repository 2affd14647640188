using RMBench.Core.Data;
using RMBench.Core.IO;
using RMBench.DataGen.Multimodal;
using SkiaSharp;

namespace RMBench.Tests.Multimodal;

/// <summary>The bundled multimodal data: reproducible bytes, and a chosen side that what was drawn shows to be right.</summary>
public class MultimodalDatasetTests
{
    private static readonly IReadOnlyList<MultimodalItem> Pairs = MultimodalDataset.GeneratePairs();
    private static readonly IReadOnlyList<MultimodalItem> Answers = MultimodalDataset.GenerateAnswers();

    [Fact]
    public async Task The_committed_files_are_exactly_what_the_generator_writes()
    {
        var dir = TestPaths.NewTempDirectory();
        var readme = await File.ReadAllTextAsync(Path.Combine(TestPaths.RepoRoot, "datasets", "README.md"));
        foreach (var (file, kind, items) in new[] { (MultimodalDataset.PairsFile, "image-pair", Pairs), (MultimodalDataset.AnswersFile, "image-response", Answers) })
        {
            var regenerated = Path.Combine(dir, file);
            await ParquetDatasetWriter.WriteAsync(regenerated, kind, [.. items.Select(i => i.Row)]);

            var committed = await Sha256.FileHexAsync(Path.Combine(TestPaths.RepoRoot, "datasets", file));
            Assert.Equal(committed, await Sha256.FileHexAsync(regenerated));
            Assert.Contains($"| `{file}` | [`multimodal`](../suites/multimodal/README.md) | `{kind}` | {items.Count} | `{committed}` |", readme);
        }
    }

    /// <summary>(The test above shows that a generation in this process reproduces the committed bytes.)</summary>
    [Fact]
    public void Png_encoding_is_byte_stable_and_the_seed_changes_the_images()
    {
        ShapeSpec[] shapes = [new(Shape.Triangle, NamedColour.All[3], 50.5f, 60.25f, 30), new(Shape.Circle, NamedColour.All[0], 20, 20, 10)];
        var first = ShapePainter.Png(shapes);
        Assert.Equal(first, ShapePainter.Png(shapes));

        Assert.NotEqual(Answers[0].Row.Image, MultimodalDataset.GenerateAnswers(seed: 7)[0].Row.Image);
    }

    [Fact]
    public void There_are_at_least_200_items_with_unique_ids_over_both_kinds()
    {
        var ids = Pairs.Concat(Answers).Select(i => i.Row.Id).ToList();
        Assert.True(ids.Count >= 200, $"{ids.Count} items");
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(6, Pairs.Concat(Answers).Select(i => i.Row.Subset).Distinct().Count());
    }

    [Fact]
    public void Every_image_shows_exactly_the_shapes_recorded_for_it()
    {
        foreach (var item in Pairs.Concat(Answers))
        {
            var images = item.Kind == "image-pair" ? new[] { (item.Row.ChosenImage!, item.ChosenShapes), (item.Row.RejectedImage!, item.RejectedShapes) } : [(item.Row.Image!, item.ChosenShapes)];
            foreach (var (png, shapes) in images)
            {
                using var bitmap = SKBitmap.Decode(png);
                foreach (var shape in shapes)
                {
                    Assert.Equal(shape.Colour.ToSkia(), bitmap.GetPixel((int)shape.X, (int)shape.Y));
                    Assert.Equal(shape.Shape, ShapeAt(bitmap, shape));
                }
            }
        }
    }

    [Fact]
    public void The_chosen_image_matches_the_prompt_and_the_rejected_one_differs_in_the_subsets_property()
    {
        foreach (var item in Pairs)
        {
            var (chosen, rejected, prompt) = (item.ChosenShapes, item.RejectedShapes, item.Row.Prompt);
            switch (item.Row.Subset)
            {
                case "pair-colour":
                    Assert.Equal($"a {chosen[0].Colour.Name} {Noun(chosen[0].Shape)} on a white background", prompt);
                    Assert.Equal(chosen[0] with { Colour = rejected[0].Colour }, rejected[0]);
                    Assert.NotEqual(chosen[0].Colour, rejected[0].Colour);
                    break;
                case "pair-shape":
                    Assert.Equal($"a {chosen[0].Colour.Name} {Noun(chosen[0].Shape)} on a white background", prompt);
                    Assert.Equal(chosen[0] with { Shape = rejected[0].Shape }, rejected[0]);
                    Assert.NotEqual(chosen[0].Shape, rejected[0].Shape);
                    break;
                case "pair-count":
                    Assert.StartsWith($"{Number(chosen.Count)} {chosen[0].Colour.Name} {Noun(chosen[0].Shape)}s ", prompt);
                    Assert.Equal(1, Math.Abs(chosen.Count - rejected.Count));
                    Assert.All(rejected, s => Assert.Equal((chosen[0].Shape, chosen[0].Colour), (s.Shape, s.Colour)));
                    break;
                case "pair-position":
                    Assert.Equal($"a {chosen[0].Colour.Name} {Noun(chosen[0].Shape)} to the left of a {chosen[1].Colour.Name} {Noun(chosen[1].Shape)}", prompt);
                    Assert.True(chosen[0].X < chosen[1].X && rejected[0].X > rejected[1].X, item.Row.Id);
                    break;
                default:
                    throw new Xunit.Sdk.XunitException($"unexpected subset {item.Row.Subset}");
            }
        }
    }

    [Fact]
    public void The_chosen_answer_is_true_of_the_image_and_the_rejected_one_is_not()
    {
        foreach (var item in Answers)
        {
            var shapes = item.ChosenShapes;
            var (chosen, rejected) = (item.Row.Chosen[0], item.Row.Rejected[0]);
            if (item.Row.Subset == "answer-colour")
            {
                Assert.Equal($"What colour is the {Noun(shapes[0].Shape)} in the picture?", item.Row.Prompt);
                Assert.Equal($"The {Noun(shapes[0].Shape)} is {shapes[0].Colour.Name}.", chosen);
                Assert.DoesNotContain(shapes[0].Colour.Name, rejected);
            }
            else
            {
                Assert.Equal($"How many {Noun(shapes[0].Shape)}s are in the picture?", item.Row.Prompt);
                Assert.Contains($" {Number(shapes.Count)} {Noun(shapes[0].Shape)}", chosen);
                Assert.DoesNotContain($" {Number(shapes.Count)} ", rejected);
            }
        }
    }

    /// <summary>
    /// Which shape is painted around a centre, from two probe points at 0.8 of its size from the centre:
    /// the top-left probe is inside only a square; the bottom-left one inside a square or a triangle (whose
    /// half-width there is 0.9 of the size), never a circle (distance 1.13 of the radius).
    /// </summary>
    private static Shape ShapeAt(SKBitmap bitmap, ShapeSpec shape)
    {
        var d = 0.8f * shape.Size;
        bool Painted(float x, float y) => bitmap.GetPixel((int)Math.Round(x), (int)Math.Round(y)) == shape.Colour.ToSkia();
        return (Painted(shape.X - d, shape.Y - d), Painted(shape.X - d, shape.Y + d)) switch
        {
            (true, true) => Shape.Square,
            (false, true) => Shape.Triangle,
            (false, false) => Shape.Circle,
            _ => throw new Xunit.Sdk.XunitException($"no known shape at ({shape.X}, {shape.Y})"),
        };
    }

    private static string Noun(Shape shape) => shape.ToString().ToLowerInvariant();

    private static string Number(int n) => new[] { "zero", "one", "two", "three", "four", "five" }[n];
}
