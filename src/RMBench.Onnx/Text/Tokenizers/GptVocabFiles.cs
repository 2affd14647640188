using RMBench.Core.Errors;

namespace RMBench.Onnx.Text.Tokenizers;

/// <summary>GPT-2-style "vocab.json" + "merges.txt" (GPT-2, RoBERTa, DeBERTa v1): byte-level BPE with the GPT-2 split regex.</summary>
internal static class GptVocabFiles
{
    public static ByteLevelBpeModel Read(string vocabPath, string mergesPath, bool addPrefixSpace)
    {
        using var doc = ModelFiles.ReadJsonIfExists(vocabPath)!;
        var vocab = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in doc.RootElement.EnumerateObject())
            vocab[entry.Name] = entry.Value.TryGetInt32(out var id) ? id : throw new InputException(vocabPath, $"token '{entry.Name}' has no integer id");
        var merges = new List<(string, string)>();
        var line = 0;
        foreach (var text in File.ReadLines(mergesPath))
        {
            line++;
            if (text.StartsWith("#version", StringComparison.Ordinal) || text.Length == 0) continue;
            var space = text.IndexOf(' ', 1);
            if (space < 0) throw new InputException(mergesPath, $"line {line}: a merge needs two symbols separated by a space");
            merges.Add((text[..space], text[(space + 1)..]));
        }
        var preTokenizer = new PreTokenizer([new ByteLevelStep(addPrefixSpace, useRegex: true)]);
        try
        {
            return new ByteLevelBpeModel(vocab, merges, preTokenizer, ignoreMerges: false, vocabPath);
        }
        catch (FormatException e)
        {
            throw new InputException(vocabPath, e.Message);
        }
    }
}
