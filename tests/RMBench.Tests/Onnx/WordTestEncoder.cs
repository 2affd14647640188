using RMBench.Core.IO;
using RMBench.Core.Requests;
using RMBench.Onnx.Text;
using RMBench.Core.Models;

namespace RMBench.Tests.Onnx;

/// <summary>
/// A small honest encoder for tests: [BOS] then one id per whitespace-separated word of the system
/// prompt, the turns and the response, id = 3 + (FNV-1a of the word mod (vocab - 3)). Ids 0..2 are
/// pad, BOS and unused. Truncation keeps BOS and cuts words from the chosen side. With token types,
/// response words get type 1 (encoder-pair style), everything else type 0.
/// </summary>
public sealed class WordTestEncoder(int vocab = 100, int? maxLength = null, TruncationSide side = TruncationSide.Left, bool typeIds = false) : ITextEncoder
{
    public const int Bos = 1;

    public string TemplateName => "test-words";
    public string TemplateDigest => Sha256.Hex("test-words v1");
    public string TokenizerDigest => Sha256.Hex($"word-hash vocab={vocab}");
    public int? MaxLength => maxLength;

    public int Id(string word)
    {
        var hash = 2166136261u;
        foreach (var c in word) hash = (hash ^ c) * 16777619u;
        return 3 + (int)(hash % (uint)(vocab - 3));
    }

    public TokenizedRequest Encode(ScoringRequest request)
    {
        var context = new[] { request.System ?? "" }.Concat(request.Turns.Select(t => t.Content))
            .SelectMany(Words).Select(w => (Id: Id(w), Type: 0));
        var words = context.Concat(Words(request.Response).Select(w => (Id: Id(w), Type: 1))).ToList();
        var truncated = maxLength is { } max && words.Count + 1 > max;
        if (truncated)
        {
            var keep = Math.Max(0, maxLength!.Value - 1);
            words = side == TruncationSide.Left ? words[^keep..] : words[..keep];
        }
        var ids = words.Select(w => w.Id).Prepend(Bos).ToArray();
        var types = typeIds ? words.Select(w => w.Type).Prepend(0).ToArray() : null;
        return new TokenizedRequest(ids, types, truncated);
    }

    private static string[] Words(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
}
