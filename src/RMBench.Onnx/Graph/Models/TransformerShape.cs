namespace RMBench.Onnx.Graph.Models;

/// <summary>Size and seed of a random-weight transformer reward model.</summary>
/// <param name="TypeVocab">Token type vocabulary; 0 = the graph has no token_type_ids input.</param>
public sealed record TransformerShape(
    int Layers = 2,
    int Hidden = 32,
    int Heads = 4,
    int Ffn = 64,
    int Vocab = 128,
    int MaxPositions = 128,
    int TypeVocab = 0,
    int NumLabels = 1,
    int Seed = 42)
{
    /// <summary>all-MiniLM-L6 size (6 layers, hidden 384, 12 heads, ffn 1536, BERT vocab): the speed-measurement model.</summary>
    public static TransformerShape MiniLm { get; } = new(6, 384, 12, 1536, 30522, 512, 2);
}
