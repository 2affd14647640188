using Microsoft.ML.Tokenizers;

namespace RMBench.Onnx.Text.Tokenizers;

/// <summary>OpenAI's cl100k_base, shipped in Microsoft.ML.Tokenizers.Data.Cl100kBase (no file needed): the tokenizer of the built-in baseline.</summary>
internal sealed class TiktokenModel(TiktokenTokenizer tokenizer) : ITokenModel
{
    public const string Cl100kBase = "cl100k_base";

    private static readonly Lazy<TiktokenModel> Cl100k = new(() => new TiktokenModel(TiktokenTokenizer.CreateForEncoding(Cl100kBase)));

    public static TiktokenModel ForCl100kBase() => Cl100k.Value;

    public int? IdOf(string token) => tokenizer.EncodeToIds(token) is [var id] ? id : null;

    public void Encode(ReadOnlyMemory<char> segment, List<int> ids) =>
        ids.AddRange(tokenizer.EncodeToIds(segment.Span));
}
