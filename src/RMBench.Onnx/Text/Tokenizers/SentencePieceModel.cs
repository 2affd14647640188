using Microsoft.ML.Tokenizers;

namespace RMBench.Onnx.Text.Tokenizers;

/// <summary>
/// A SentencePiece *.model (DeBERTa-v3, Gemma, Llama 2) through Microsoft.ML.Tokenizers. Each plain
/// segment between added tokens is encoded on its own, so the model's dummy prefix ("▁") starts every
/// segment: HF's legacy SentencePiece behaviour, the default of Llama 2's tokenizer.
/// </summary>
internal sealed class SentencePieceModel(SentencePieceTokenizer tokenizer) : ITokenModel
{
    public static SentencePieceModel FromFile(string path)
    {
        using var stream = File.OpenRead(path);
        return new SentencePieceModel(SentencePieceTokenizer.Create(stream, addBeginningOfSentence: false, addEndOfSentence: false));
    }

    public int? IdOf(string token) => tokenizer.Vocabulary.TryGetValue(token, out var id) ? id : null;

    public void Encode(ReadOnlyMemory<char> segment, List<int> ids) =>
        ids.AddRange(tokenizer.EncodeToIds(segment.Span, addBeginningOfSentence: false, addEndOfSentence: false,
            considerPreTokenization: true, considerNormalization: true));
}
