using RMBench.Core.Data;
using RMBench.Core.Requests;
using RMBench.Core.Results;
using RMBench.Onnx.Graph;
using RMBench.Onnx.Graph.Models;
using RMBench.Tests.Onnx.Text;

namespace RMBench.Tests.Onnx;

/// <summary>
/// Issue 3's end-to-end check: nothing is exported by hand. The graph builder makes a decoder RM and an
/// encoder RM, they are saved as optimum-style directories with the real Qwen3 tokenizer files, and
/// `rmbench run --model onnx:DIR` scores them through the whole pipeline.
/// </summary>
public class Qwen3EndToEndTests
{
    /// <summary>Qwen3's vocabulary incl. added tokens fits in 151,936 rows (the real model's embedding size).</summary>
    private const int Qwen3Vocab = 151_936;
    private const int Qwen3PadId = 151_643; // <|endoftext|>, Qwen3's pad_token

    [Fact]
    public async Task Builder_made_decoder_and_encoder_rms_with_the_real_qwen3_tokenizer_score_end_to_end()
    {
        var root = TestPaths.NewTempDirectory();
        var shape = new TransformerShape(Layers: 2, Hidden: 16, Heads: 2, Ffn: 32, Vocab: Qwen3Vocab, MaxPositions: 512);
        var decoder = Path.Combine(root, "tiny-qwen3-decoder-rm");
        var encoder = Path.Combine(root, "tiny-qwen3-encoder-rm");
        OptimumExport.Write(decoder, TransformerDecoderRm.Build(shape, Qwen3PadId), TextFixtures.Qwen3Directory);
        var encoderModel = TransformerEncoderRm.Build(shape with { Seed = 7 });
        OptimumExport.Write(encoder, encoderModel with { Config = encoderModel.Config with { PadTokenId = Qwen3PadId } }, TextFixtures.Qwen3Directory);
        var data = Path.Combine(root, "pairs.parquet");
        await ParquetDatasetWriter.WriteAsync(data, "pairwise", Cli.Datasets.Pairs(24));

        var run = await Cli.Cli.RunAsync("run", "--model", $"onnx:{decoder}", "--model", $"onnx:{encoder}", "--suite", data,
            "--out", Path.Combine(root, "out"), "--bootstrap", "100", "--no-cache");

        Assert.True(run.ExitCode == 0, run.All);
        foreach (var (dir, id) in new[] { (decoder, "tiny-qwen3-decoder-rm"), (encoder, "tiny-qwen3-encoder-rm") })
        {
            var runJson = Directory.EnumerateFiles(Path.Combine(root, "out", "runs", id), "run.json", SearchOption.AllDirectories).Single();
            var result = RunJson.Load(runJson);
            Assert.Equal("complete", result.Status);
            Assert.Equal("onnx", result.Model.Backend);
            Assert.Equal("qwen3", result.Model.Settings["template"]);
            Assert.Equal(Qwen3PadId.ToString(System.Globalization.CultureInfo.InvariantCulture), result.Model.Settings["pad_token_id"]);
            Assert.Equal(24, result.Suites[0].Counts.Items);

            var scores = await ScoresTable.ReadAsync(Path.Combine(Path.GetDirectoryName(runJson)!, "scores.parquet"));
            Assert.Equal(48, scores.Count);
            Assert.All(scores, s => Assert.True(float.IsFinite(s.Score)));
            Assert.True(scores.Select(s => s.Score).Distinct().Count() > 1, "a random-weight model gives different scores to different answers");
            // The token count the run recorded is what the Qwen3 chat template + tokenizer produce for that request.
            var first = scores.Single(s => s.Id == "pair-0001" && s.Role == "chosen");
            var expected = TextFixtures.Qwen3.Encode(new ScoringRequest(null, [new Turn("user", "Question number 1?")],
                "A longer answer number 1 with some extra words.")).Ids.Length;
            Assert.Equal(expected, first.TokenCount);
        }
    }
}
