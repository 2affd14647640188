using RMBench.Core.Data;
using RMBench.Onnx.Graph;
using RMBench.Onnx.Graph.Models;
using RMBench.Tests.Cli;
using RMBench.Tests.Onnx;

namespace RMBench.Tests.Bench;

/// <summary>Inputs of the bench tests: a small pairwise dataset and a small random-weight BERT-style encoder with a WordPiece vocab.txt.</summary>
public static class BenchFixtures
{
    private static readonly Lazy<string> LazyDataset = new(() =>
    {
        var path = Path.Combine(TestPaths.NewTempDirectory("rmbench-bench"), "pairs.parquet");
        ParquetDatasetWriter.WriteAsync(path, "pairwise", Datasets.Pairs(30)).GetAwaiter().GetResult();
        return path;
    });

    private static readonly Lazy<string> LazyEncoder = new(() =>
    {
        var dir = OnnxTestModels.Export(TransformerEncoderRm.Build(new TransformerShape(Vocab: 128, MaxPositions: 64)));
        File.WriteAllLines(Path.Combine(dir, "vocab.txt"), Vocabulary());
        return dir;
    });

    /// <summary>30 pairs (60 requests, all distinct) of Datasets.Pairs.</summary>
    public static string Dataset => LazyDataset.Value;

    /// <summary>An onnx:DIR export: 2 layers, hidden 32, vocab 128, max 64 positions, tokenized by a BERT WordPiece vocab.txt.</summary>
    public static string Encoder => LazyEncoder.Value;

    /// <summary>BERT specials, the words of the test dataset, and single characters with and without ## so every word tokenizes (&lt;= 128 entries).</summary>
    private static IEnumerable<string> Vocabulary()
    {
        string[] specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"];
        string[] words = ["a", "longer", "answer", "number", "with", "some", "extra", "words", "short", "question"];
        var chars = "abcdefghijklmnopqrstuvwxyz0123456789.?".Select(c => c.ToString()).ToList();
        return specials.Concat(words).Concat(chars.Where(c => !words.Contains(c))).Concat(chars.Select(c => "##" + c)).Distinct();
    }
}
