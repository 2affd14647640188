using Microsoft.ML.Tokenizers;

namespace RMBench.Onnx.Text.Tokenizers;

/// <summary>
/// A SentencePiece *.model (DeBERTa-v3, Gemma, Llama 2) through Microsoft.ML.Tokenizers. Each plain
/// segment between added tokens is encoded on its own, so the model's dummy prefix ("▁") starts every
/// segment: HF's legacy SentencePiece behaviour, the default of Llama 2's tokenizer.
/// </summary>
internal sealed class SentencePieceModel(SentencePieceTokenizer tokenizer, IReadOnlyList<AddedToken> userDefined) : ITokenModel
{
    private const int UserDefinedType = 4;

    /// <summary>The model's USER_DEFINED pieces (e.g. Gemma's &lt;start_of_turn&gt;): sentencepiece matches them whole, so the pipeline does too.</summary>
    public IReadOnlyList<AddedToken> UserDefined { get; } = userDefined;

    public static SentencePieceModel FromFile(string path)
    {
        var bytes = File.ReadAllBytes(path);
        using var stream = new MemoryStream(bytes);
        var tokenizer = SentencePieceTokenizer.Create(stream, addBeginningOfSentence: false, addEndOfSentence: false);
        var userDefined = Pieces(bytes).Select((p, id) => (p.Piece, p.Type, id))
            .Where(p => p.Type == UserDefinedType).Select(p => new AddedToken(p.Piece, p.id, Special: false)).ToList();
        return new SentencePieceModel(tokenizer, userDefined);
    }

    /// <summary>(piece, type) of each ModelProto.pieces entry (field 1: piece = 1, type = 3), in id order.</summary>
    private static IEnumerable<(string Piece, int Type)> Pieces(byte[] model)
    {
        var reader = new ProtoReader(model, 0, model.Length);
        while (reader.Next(out var field, out var wire))
        {
            if (field != 1 || wire != 2) { reader.Skip(wire); continue; }
            var (start, length) = reader.LengthDelimited();
            var inner = new ProtoReader(model, start, start + length);
            var (piece, type) = ("", 1);
            while (inner.Next(out var f, out var w))
                if (f == 1 && w == 2) { var (s, l) = inner.LengthDelimited(); piece = System.Text.Encoding.UTF8.GetString(model, s, l); }
                else if (f == 3 && w == 0) type = (int)inner.Varint();
                else inner.Skip(w);
            yield return (piece, type);
        }
    }

    private sealed class ProtoReader(byte[] data, int position, int end)
    {
        public bool Next(out int field, out int wire)
        {
            (field, wire) = (0, 0);
            if (position >= end) return false;
            var key = Varint();
            (field, wire) = ((int)(key >> 3), (int)(key & 7));
            return true;
        }

        public ulong Varint()
        {
            ulong value = 0;
            for (var shift = 0; ; shift += 7)
            {
                var b = data[position++];
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80) return value;
            }
        }

        public (int Start, int Length) LengthDelimited()
        {
            var length = (int)Varint();
            var start = position;
            position += length;
            return (start, length);
        }

        public void Skip(int wire)
        {
            switch (wire)
            {
                case 0: Varint(); break;
                case 1: position += 8; break;
                case 2: LengthDelimited(); break;
                case 5: position += 4; break;
                default: throw new FormatException($"unsupported protobuf wire type {wire}");
            }
        }
    }

    public int? IdOf(string token) => tokenizer.Vocabulary.TryGetValue(token, out var id) ? id : null;

    public void Encode(ReadOnlyMemory<char> segment, List<int> ids) =>
        ids.AddRange(tokenizer.EncodeToIds(segment.Span, addBeginningOfSentence: false, addEndOfSentence: false,
            considerPreTokenization: true, considerNormalization: true));
}
