using System.Globalization;
using RMBench.Core.Errors;
using RMBench.Onnx.Graph;
using RMBench.Onnx.Graph.Models;

namespace RMBench.DataGen.Large;

/// <summary>
/// <c>dotnet run -c Release --project tools/RMBench.DataGen -- encoder --out DIR [--size minilm|tiny] [--seed N]</c>:
/// a random-weight BERT-style reward model export (graph builder, <see cref="TransformerEncoderRm"/>) with a
/// generated BERT WordPiece vocab.txt, for speed measurements (`rmbench bench --model onnx:DIR`). Scores mean
/// nothing; shapes and tokenization are those of a real all-MiniLM-L6-size encoder.
/// </summary>
public static class EncoderCommand
{
    public const string Name = "encoder";

    public static int Run(string[] args)
    {
        var (output, size, seed) = ((string?)null, "minilm", 42);
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--out" when i + 1 < args.Length: output = args[++i]; break;
                case "--size" when i + 1 < args.Length && args[i + 1] is "minilm" or "tiny": size = args[++i]; break;
                case "--seed" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var s):
                    seed = s;
                    i++;
                    break;
                default:
                    Console.Error.WriteLine($"error: unexpected argument '{args[i]}'; usage: encoder --out DIR [--size minilm|tiny] [--seed N]");
                    return ExitCodes.InvalidInput;
            }
        }
        if (output is null)
        {
            Console.Error.WriteLine("error: --out DIR is required");
            return ExitCodes.InvalidInput;
        }
        var shape = (size == "minilm" ? TransformerShape.MiniLm : new TransformerShape(Vocab: 30522, MaxPositions: 512, TypeVocab: 2)) with { Seed = seed };
        OptimumExport.Write(output, TransformerEncoderRm.Build(shape));
        File.WriteAllLines(Path.Combine(output, "vocab.txt"), Vocabulary(shape.Vocab));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {output}: {size} encoder ({shape.Layers} layers, hidden {shape.Hidden}, {shape.Heads} heads, vocab {shape.Vocab}), seed {seed}"));
        return ExitCodes.Ok;
    }

    /// <summary>
    /// BERT's layout ([PAD] 0, [unused0..98], [UNK] 100, [CLS] 101, [SEP] 102, [MASK] 103), then the data's
    /// words, single characters and their ## continuations (so any ASCII word tokenizes), padded with unused entries.
    /// </summary>
    public static IReadOnlyList<string> Vocabulary(int size)
    {
        var vocab = new List<string> { "[PAD]" };
        vocab.AddRange(Enumerable.Range(0, 99).Select(i => $"[unused{i.ToString(CultureInfo.InvariantCulture)}]"));
        vocab.AddRange(["[UNK]", "[CLS]", "[SEP]", "[MASK]"]);
        var chars = Enumerable.Range(33, 94).Select(c => ((char)c).ToString()).Where(c => !char.IsUpper(c[0])).ToList();
        foreach (var token in LargeDataset.Words.Concat(chars).Concat(chars.Select(c => "##" + c)))
            if (!vocab.Contains(token)) vocab.Add(token);
        for (var i = 99; vocab.Count < size; i++) vocab.Add($"[unused{i.ToString(CultureInfo.InvariantCulture)}]");
        return vocab;
    }
}
