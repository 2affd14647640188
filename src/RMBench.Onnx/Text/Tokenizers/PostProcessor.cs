namespace RMBench.Onnx.Text.Tokenizers;

/// <summary>
/// Where special ids go around one sequence (A) or a pair (A, B), with the token type of each part:
/// HF TemplateProcessing, BertProcessing ([CLS] A [SEP] B [SEP]) and RobertaProcessing (&lt;s&gt; A &lt;/s&gt;&lt;/s&gt; B &lt;/s&gt;)
/// all reduce to this.
/// </summary>
internal sealed class PostProcessor(IReadOnlyList<PostProcessor.Part> single, IReadOnlyList<PostProcessor.Part> pair)
{
    /// <summary>Either special ids (Sequence = null) or the sequence "A"/"B", each with its type id.</summary>
    public sealed record Part(int[] Ids, string? Sequence, int TypeId);

    public static readonly PostProcessor None = new([new Part([], "A", 0)], [new Part([], "A", 0), new Part([], "B", 1)]);

    public static PostProcessor Wrap(int[] before, int[] after) => new(
        [new Part(before, null, 0), new Part([], "A", 0), new Part(after, null, 0)],
        [new Part(before, null, 0), new Part([], "A", 0), new Part(after, null, 0), new Part([], "B", 1), new Part(after, null, 1)]);

    public static PostProcessor Bert(int cls, int sep) => Wrap([cls], [sep]);

    public static PostProcessor Roberta(int cls, int sep) => new(
        [new Part([cls], null, 0), new Part([], "A", 0), new Part([sep], null, 0)],
        [new Part([cls], null, 0), new Part([], "A", 0), new Part([sep, sep], null, 0), new Part([], "B", 0), new Part([sep], null, 0)]);

    // Computed once: Encode asks for them on every request.
    private readonly int[] _specialCounts = [Count(single), Count(pair)];
    private readonly int[][] _prefixes = [Prefix(single), Prefix(pair)];

    /// <summary>Special ids added to a single sequence / a pair: what truncation must leave room for.</summary>
    public int SpecialCount(bool isPair) => _specialCounts[isPair ? 1 : 0];

    /// <summary>The special ids before sequence A (BOS, [CLS]).</summary>
    public int[] Prefix(bool isPair) => _prefixes[isPair ? 1 : 0];

    private static int Count(IReadOnlyList<Part> parts) => parts.Where(p => p.Sequence is null).Sum(p => p.Ids.Length);
    private static int[] Prefix(IReadOnlyList<Part> parts) => [.. parts.TakeWhile(p => p.Sequence is null).SelectMany(p => p.Ids)];

    public void Assemble(List<int> a, List<int>? b, List<int> ids, List<int> typeIds)
    {
        foreach (var part in Parts(b is not null))
        {
            var source = part.Sequence switch { null => (IEnumerable<int>)part.Ids, "A" => a, _ => b! };
            var before = ids.Count;
            ids.AddRange(source);
            for (var i = before; i < ids.Count; i++) typeIds.Add(part.TypeId);
        }
    }

    private IReadOnlyList<Part> Parts(bool isPair) => isPair ? pair : single;
}
