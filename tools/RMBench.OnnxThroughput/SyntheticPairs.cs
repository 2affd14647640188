using System.Globalization;
using RMBench.Core.Data;
using RMBench.Core.IO;
using RMBench.Core.Requests;
using RMBench.Core.Results;
using RMBench.Core.Statistics;
using RMBench.Core.Suites;
using RMBench.Core.Suites.Kinds;
using RMBench.Onnx.Text;
using RMBench.Core.Models;

namespace RMBench.OnnxThroughput;

/// <summary>
/// Pre-tokenized pairs: prompt and answers are written as space-separated token ids, with log-normal
/// lengths like real preference data (prompts median ~40 tokens, answers median ~120, long tails).
/// </summary>
public static class SyntheticPairs
{
    public static LoadedSuite Suite(int pairs, int vocab, int seed)
    {
        var rng = new Pcg32(seed);
        string Ids(double median, int min, int max)
        {
            // Box-Muller normal, sigma 0.8 in log space: a 10x spread between the 5th and 95th percentile.
            var normal = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
            var length = Math.Clamp((int)Math.Round(median * Math.Exp(0.8 * normal)), min, max);
            return string.Join(' ', Enumerable.Range(0, length).Select(_ => (1000 + rng.NextInt(vocab - 1000)).ToString(CultureInfo.InvariantCulture)));
        }
        var manifest = new SuiteManifest
        {
            Name = "synthetic",
            Datasets = [new SuiteDataset { Path = "synthetic.parquet", Kind = "pairwise" }],
            Directory = ".",
            ManifestPath = "synthetic/suite.json",
        };
        var kind = new PairwiseKind();
        var context = new SuiteContext(manifest.Name, manifest);
        var items = Enumerable.Range(0, pairs).Select(i => kind.ToItem(new DatasetRow(i, new Dictionary<string, object?>
        {
            ["id"] = $"pair-{i:D5}",
            ["subset"] = i % 2 == 0 ? "a" : "b",
            ["prompt"] = Ids(40, 4, 256),
            ["chosen"] = Ids(120, 8, 400),
            ["rejected"] = Ids(120, 8, 400),
        }), context)).ToList();
        return new LoadedSuite(manifest, [new DatasetInfo("synthetic.parquet", "synthetic", pairs, "pairwise")], items);
    }
}

/// <summary>
/// Encoder-pair layout over pre-tokenized text: [CLS] prompt ids [SEP] answer ids [SEP], token type 1 on
/// the answer, cut on the right to the limit. Parsing ids is all it does, so the measurement is the graph.
/// </summary>
public sealed class IdTextEncoder(int maxLength) : ITextEncoder
{
    private const int Cls = 101, Sep = 102;

    public string TemplateName => "pre-tokenized-pair";
    public string TemplateDigest => Sha256.Hex(TemplateName);
    public string TokenizerDigest => Sha256.Hex("ids-as-text");
    public int? MaxLength => maxLength;

    public TokenizedRequest Encode(ScoringRequest request)
    {
        var prompt = Parse(request.Prompt);
        var answer = Parse(request.Response);
        var ids = new List<int>(prompt.Length + answer.Length + 3) { Cls };
        ids.AddRange(prompt);
        ids.Add(Sep);
        var answerStart = ids.Count;
        ids.AddRange(answer);
        ids.Add(Sep);
        var truncated = ids.Count > maxLength;
        if (truncated) ids.RemoveRange(maxLength, ids.Count - maxLength);
        var types = Enumerable.Range(0, ids.Count).Select(i => i >= answerStart ? 1 : 0).ToArray();
        return new TokenizedRequest([.. ids], types, truncated);
    }

    private static int[] Parse(string text) =>
        text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
}
