using RMBench.Core.Data;
using RMBench.Core.Import;
using RMBench.Core.Suites.Kinds;
using RMBench.Tests.Multimodal;
using SkiaSharp;
using static RMBench.Tests.Import.ImportTestFiles;

namespace RMBench.Tests.Import;

/// <summary>
/// Importers for the benchmarks whose data users download from Hugging Face, each on a small file written in the
/// upstream layout (field names as in the upstream file cited on each importer), then written and read back as Parquet.
/// </summary>
public class HuggingFaceImporterTests
{
    private static async Task<IReadOnlyList<DatasetRow>> RoundTripAsync(ImportResult result, Core.Suites.ISuiteKind kind)
    {
        var path = Path.Combine(TestPaths.NewTempDirectory(), "out.parquet");
        await ParquetDatasetWriter.WriteAsync(path, result.Kind, result.Rows);
        Assert.Equal(kind.Name, (await DatasetMetadata.ReadAsync(path)).Kind);
        return (await ParquetDatasetReader.ReadAsync(path, kind.Schema)).Rows;
    }

    [Fact]
    public async Task Personalized_rewardbench_rows_keep_the_profile_as_persona_and_drop_the_rubric()
    {
        // README "Dataset Structure": id, question, profile [{id, category, text}], rubric_aspects, narrative, category, chosen, rejected.
        var input = Write("Lifestyle_and_Personal_Development_test.jsonl", """
            {"id": "u1-q7", "question": "How should I plan my week?", "profile": [{"id": "p1", "category": "Lifestyle", "text": "How do I stop procrastinating?"}, {"id": "p2", "category": "Lifestyle", "text": "Best apps for habit tracking?"}], "rubric_aspects": [{"aspect": "brevity", "evidence": "e", "reason": "r"}], "narrative": "I like short lists.", "category": "Lifestyle_and_Personal_Development", "chosen": "A short list.", "rejected": "A long essay."}
            {"id": "u2-q1", "question": "Which novel next?", "profile": [], "rubric_aspects": [], "narrative": "", "category": "Art_and_Entertainment", "chosen": "Try a mystery.", "rejected": "Read anything."}
            """);

        var result = await new PersonalizedRewardBenchImporter().ImportAsync(input);
        var rows = await RoundTripAsync(result, new PairwiseKind());

        Assert.Equal("pairwise", result.Kind);
        Assert.Equal(["u1-q7", "u2-q1"], rows.Select(r => r.Id));
        Assert.Equal(["Lifestyle_and_Personal_Development", "Art_and_Entertainment"], rows.Select(r => r.Subset));
        Assert.Equal("How should I plan my week?", rows[0].String("prompt"));
        Assert.Equal("A short list.", rows[0].String("chosen"));
        Assert.Equal("A long essay.", rows[0].String("rejected"));
        Assert.Equal("Questions this user asked before:\n- How do I stop procrastinating?\n- Best apps for habit tracking?", rows[0].String("persona"));
        Assert.Null(rows[1].Values["persona"]);
        Assert.DoesNotContain(rows, r => r.Values.Values.OfType<string>().Any(v => v.Contains("I like short lists.")));
    }

    [Fact]
    public async Task Personalized_rewardbench_without_a_question_names_file_record_and_field()
    {
        var input = Write("bad.jsonl", """{"id": "x", "chosen": "a", "rejected": "b"}""" + "\n");
        await AssertInvalidAsync(new PersonalizedRewardBenchImporter(), input, "line 1", "'question'");
    }

    [Fact]
    public async Task Vl_rewardbench_takes_the_response_ranked_0_reads_the_image_and_groups_the_source()
    {
        // data/data.jsonl: id, image_path (relative to data/), query, response [2], human_ranking [2] (0 = preferred), models.
        var dir = TestPaths.NewTempDirectory("vlrb");
        Directory.CreateDirectory(Path.Combine(dir, "images", "rlaif-v"));
        Directory.CreateDirectory(Path.Combine(dir, "images", "vlfeedback"));
        var png = TestImages.Solid(8, 8, SKColors.Red);
        await File.WriteAllBytesAsync(Path.Combine(dir, "images", "rlaif-v", "RLAIF-V-14.png"), png);
        await File.WriteAllBytesAsync(Path.Combine(dir, "images", "vlfeedback", "LRV-1.png"), TestImages.Solid(8, 8, SKColors.Blue));
        var input = Path.Combine(dir, "data.jsonl");
        await File.WriteAllTextAsync(input, """
            {"id": "LRV-1", "image_path": "images/vlfeedback/LRV-1.png", "query": "Is the dog's ear floppy?", "response": ["Both ears are floppy.", "No dog is visible."], "human_ranking": [1, 0], "models": ["VisualGLM-6b", "Qwen-VL-Chat"], "judge": "human", "rationale": null, "query_source": "LRVInstruction", "meta": {}, "human_error_analysis": []}
            {"id": "RLAIF-V-14", "image_path": "images/rlaif-v/RLAIF-V-14.png", "query": "Describe it.", "response": ["A red square.", "A blue circle."], "human_ranking": [0, 1], "models": ["OmniLMM-12B", "OmniLMM-12B"], "query_source": "COCO", "meta": {}}
            {"id": "tie", "image_path": "images/rlaif-v/RLAIF-V-14.png", "query": "q", "response": ["a", "b"], "human_ranking": [0, 0]}
            {"id": "gone", "image_path": "images/povid/missing.jpg", "query": "q", "response": ["a", "b"], "human_ranking": [0, 1]}
            """);

        var result = await new VlRewardBenchImporter().ImportAsync(input);
        var rows = await RoundTripAsync(result, new ImageResponseKind());

        Assert.Equal("image-response", result.Kind);
        Assert.Equal(["LRV-1", "RLAIF-V-14"], rows.Select(r => r.Id));
        Assert.Equal(["general", "hallucination"], rows.Select(r => r.Subset));
        Assert.Equal("No dog is visible.", rows[0].String("chosen"));
        Assert.Equal("Both ears are floppy.", rows[0].String("rejected"));
        Assert.Equal("A red square.", rows[1].String("chosen"));
        Assert.Equal(png, rows[1].Binary("image"));
        Assert.Equal(["line 3", "line 4"], result.Skipped.Select(s => s.Location));
        Assert.Contains("names no single preferred response", result.Skipped[0].Reason);
        Assert.Contains("image file not found", result.Skipped[1].Reason);
        Assert.Equal("reasoning", VlRewardBenchImporter.SubsetFor("images/reasoning_tasks/x.jpg"));
    }

    [Fact]
    public async Task Vl_rewardbench_with_three_responses_names_file_record_and_field()
    {
        var input = Write("data.jsonl", """{"id": "x", "image_path": "images/a/b.png", "query": "q", "response": ["a", "b", "c"], "human_ranking": [0, 1]}""" + "\n");
        await AssertInvalidAsync(new VlRewardBenchImporter(), input, "line 1", "'response'", "exactly 2");
    }

    [Fact]
    public async Task Multimodal_rewardbench_takes_the_better_output_and_splits_safety_and_reasoning_as_upstream()
    {
        // all_data.json: ID, Text, Image (relative to data/), Output1, Output2, Better, Category.
        var dir = TestPaths.NewTempDirectory("mmrb");
        Directory.CreateDirectory(Path.Combine(dir, "images", "pairs"));
        var png = TestImages.Solid(6, 6, SKColors.Green);
        await File.WriteAllBytesAsync(Path.Combine(dir, "images", "pairs", "p1.png"), png);
        await File.WriteAllBytesAsync(Path.Combine(dir, "images", "pairs", "bad.png"), [1, 2, 3]);
        var input = Path.Combine(dir, "all_data.json");
        await File.WriteAllTextAsync(input, """
            [
              {"ID": "pairs_1", "Text": "Who is the doctor?", "Image": "images/pairs/p1.png", "Output1": "Cannot tell from the image.", "Output2": "The man.", "Better": "Output1", "Category": "safety"},
              {"ID": "mathvista_3", "Text": "Solve.", "Image": "images/pairs/p1.png", "Output1": "x = 2", "Output2": "x = 3", "Better": "Output2", "Category": "reasoning"},
              {"ID": "nocaps_9", "Text": "Caption it.", "Image": "images/pairs/p1.png", "Output1": "A", "Output2": "B", "Better": "Tie", "Category": "correctness"},
              {"ID": "nocaps_10", "Text": "Caption it.", "Image": "images/pairs/bad.png", "Output1": "A", "Output2": "B", "Better": "Output1", "Category": "correctness"}
            ]
            """);

        var result = await new MultimodalRewardBenchImporter().ImportAsync(input);
        var rows = await RoundTripAsync(result, new ImageResponseKind());

        Assert.Equal(["pairs_1", "mathvista_3"], rows.Select(r => r.Id));
        Assert.Equal(["safety/bias", "reasoning/math"], rows.Select(r => r.Subset)); // upstream: IDs starting with "math" (mathvista too)
        Assert.Equal("Cannot tell from the image.", rows[0].String("chosen"));
        Assert.Equal("x = 3", rows[1].String("chosen"));
        Assert.Equal(png, rows[0].Binary("image"));
        Assert.Equal(["index 2", "index 3"], result.Skipped.Select(s => s.Location));
        Assert.Contains("neither Output1 nor Output2", result.Skipped[0].Reason);
        Assert.Contains("neither PNG nor JPEG", result.Skipped[1].Reason);
    }

    [Fact]
    public async Task Multimodal_rewardbench_release_file_without_text_says_to_run_the_download_script()
    {
        var input = Write("all_data_release.json", """[{"ID": "nocaps_1", "Image": "images/nocaps/1.jpg", "Output1": "a", "Output2": "b", "Better": "Output1"}]""");
        await AssertInvalidAsync(new MultimodalRewardBenchImporter(), input, "'Text'", "0_download_data.py");
    }
}
