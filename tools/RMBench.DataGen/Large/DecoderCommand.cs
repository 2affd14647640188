using System.Globalization;
using RMBench.Core.Errors;
using RMBench.Onnx.Graph;
using RMBench.Onnx.Graph.Models;

namespace RMBench.DataGen.Large;

/// <summary>
/// <c>dotnet run -c Release --project tools/RMBench.DataGen -- decoder --out DIR --tokenizer DIR [--vocab N] [--positions N] [--seed N]</c>:
/// a random-weight MiniLM-size decoder reward model (<see cref="TransformerDecoderRm"/>: 6 layers, hidden 384, 12 heads,
/// ffn 1536; default vocab 151,936 like Qwen3, 2,048 positions) with the tokenizer files of another folder (e.g. the
/// Qwen3 tokenizer installed by scripts/install-test-deps.sh), optimum layout with external data. For the throughput
/// measurement against a plain ONNX Runtime loop; scores mean nothing.
/// </summary>
public static class DecoderCommand
{
    public const string Name = "decoder";

    public static int Run(string[] args)
    {
        string? output, tokenizer;
        int vocab, positions, seed;
        try
        {
            var arguments = ToolArguments.Parse(args, "--out", "--tokenizer", "--vocab", "--positions", "--seed");
            (output, tokenizer) = (arguments.Text("--out"), arguments.Text("--tokenizer"));
            (vocab, positions, seed) = (arguments.Positive("--vocab", 151_936), arguments.Positive("--positions", 2048), arguments.Positive("--seed", 42));
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"error: {e.Message}; usage: {Name} --out DIR --tokenizer DIR [--vocab N] [--positions N] [--seed N]");
            return ExitCodes.InvalidInput;
        }
        if (output is null || tokenizer is null || !File.Exists(Path.Combine(tokenizer, "tokenizer.json")))
        {
            Console.Error.WriteLine("error: --out DIR and --tokenizer DIR (an existing folder with tokenizer.json) are required");
            return ExitCodes.InvalidInput;
        }
        var shape = TransformerShape.MiniLm with { Vocab = vocab, MaxPositions = positions, TypeVocab = 0, Seed = seed };
        OptimumExport.Write(output, TransformerDecoderRm.Build(shape, padTokenId: PadTokenId(tokenizer)), tokenizer);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wrote {output}: decoder RM ({shape.Layers} layers, hidden {shape.Hidden}, {shape.Heads} heads, vocab {vocab}, {positions} positions), tokenizer from {tokenizer}, seed {seed}"));
        return ExitCodes.Ok;
    }

    /// <summary>The id of tokenizer_config.json's pad_token in tokenizer.json's added tokens (Qwen3: &lt;|endoftext|&gt; 151643); 0 when there is none.</summary>
    private static int PadTokenId(string tokenizer)
    {
        var configFile = Path.Combine(tokenizer, "tokenizer_config.json");
        if (!File.Exists(configFile)) return 0;
        var config = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(configFile));
        var pad = config?["pad_token"]?.GetValue<string>();
        if (config?["added_tokens_decoder"] is not System.Text.Json.Nodes.JsonObject added || pad is null) return 0;
        foreach (var (id, token) in added)
            if (token?["content"]?.GetValue<string>() == pad) return int.Parse(id, CultureInfo.InvariantCulture);
        return 0;
    }
}
