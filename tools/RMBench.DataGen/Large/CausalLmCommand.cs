using System.Globalization;
using RMBench.Core.Data;
using RMBench.Core.Errors;
using RMBench.Core.Models;
using RMBench.Core.Requests;
using RMBench.Onnx;
using RMBench.Onnx.Graph;
using RMBench.Onnx.Graph.Models;
using RMBench.Onnx.LanguageModel;

namespace RMBench.DataGen.Large;

/// <summary>
/// <c>dotnet run -c Release --project tools/RMBench.DataGen -- causal-lm --out DIR --tokenizer DIR [--vocab N] [--request-tokens N]</c>:
/// a random-weight causal LM export (<see cref="TinyCausalLm"/>: 2 layers, hidden 64, default vocab 151,936 like
/// Qwen3) with the tokenizer files of another folder (e.g. the Qwen3 tokenizer installed by
/// scripts/install-test-deps.sh), plus DIR/long-request.parquet: one pair whose responses each make a request of
/// about N tokens (default 2,048) under that model. For the onnx-lm memory measurement; scores mean nothing.
/// </summary>
public static class CausalLmCommand
{
    public const string Name = "causal-lm";

    public static async Task<int> RunAsync(string[] args)
    {
        string? output, tokenizer;
        int vocab, tokens;
        try
        {
            var arguments = ToolArguments.Parse(args, "--out", "--tokenizer", "--vocab", "--request-tokens");
            (output, tokenizer) = (arguments.Text("--out"), arguments.Text("--tokenizer"));
            (vocab, tokens) = (arguments.Positive("--vocab", 151_936), arguments.Positive("--request-tokens", 2048));
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"error: {e.Message}; usage: {Name} --out DIR --tokenizer DIR [--vocab N] [--request-tokens N]");
            return ExitCodes.InvalidInput;
        }
        if (output is null || tokenizer is null || !Directory.Exists(tokenizer))
        {
            Console.Error.WriteLine("error: --out DIR and --tokenizer DIR (an existing folder with tokenizer.json) are required");
            return ExitCodes.InvalidInput;
        }
        var shape = new TransformerShape(Layers: 2, Hidden: 64, Heads: 4, Ffn: 128, Vocab: vocab, MaxPositions: tokens + 512, Seed: 42);
        TinyCausalLm.Write(output, TinyCausalLm.Build(shape, positionIds: true), TinyCausalLm.Config(shape, 0, 0), tokenizer);

        // Grow the responses until the request reaches the asked token count under this model's own encoding.
        await using var model = await OnnxLmRewardModel.OpenAsync(Path.GetFullPath(output), null, new LmSettings(LmReward.LogProb, null, 0.1, null),
            new OnnxSettings { Threads = 1 }, CancellationToken.None);
        string Response(int words, string flavour) => string.Join(' ', Enumerable.Range(0, words).Select(w => $"{flavour}{w % 97} and"));
        int Tokens(string response) => model.Measure(new ScoringRequest(null, [new Turn("user", "Tell me a long story.")], response)).Tokens;
        var count = 16;
        while (Tokens(Response(count, "word")) < tokens) count = Math.Max(count + 1, count * tokens / Tokens(Response(count, "word")));
        while (Tokens(Response(count, "word")) > tokens && count > 1) count--;
        var row = new CanonicalRow
        {
            Id = "long-0", Subset = "long", Prompt = "Tell me a long story.",
            Chosen = [Response(count, "word")], Rejected = [Response(count, "item")],
        };
        await ParquetDatasetWriter.WriteAsync(Path.Combine(output, "long-request.parquet"), "pairwise", [row]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wrote {output}: causal LM (2 layers, hidden 64, vocab {vocab}) and long-request.parquet (requests of {Tokens(row.Chosen[0])} and {Tokens(row.Rejected[0])} tokens)"));
        return ExitCodes.Ok;
    }
}
