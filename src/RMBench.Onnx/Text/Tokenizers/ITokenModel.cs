namespace RMBench.Onnx.Text.Tokenizers;

/// <summary>
/// A tokenizer model (byte-level BPE, WordPiece, SentencePiece, tiktoken): turns a piece of text that
/// holds no added or special token into ids. Implementations are thread-safe.
/// </summary>
internal interface ITokenModel
{
    /// <summary>Appends the ids of <paramref name="segment"/> (already split around added tokens) to <paramref name="ids"/>.</summary>
    void Encode(ReadOnlyMemory<char> segment, List<int> ids);

    /// <summary>The id of a token string in the model's vocabulary, or null.</summary>
    int? IdOf(string token);
}
