using System.Globalization;
using RMBench.Core.Errors;
using RMBench.Core.Text;

namespace RMBench.Onnx;

/// <summary>Which logits column is the reward: `--label NAME|INDEX`, the only label, or a label named "reward"/"score".</summary>
public static class LabelSelector
{
    private static readonly string[] RewardNames = ["reward", "score"];

    /// <param name="names">Label names by index (id2label), or null when config.json has none.</param>
    public static (int Index, string Name) Select(int count, IReadOnlyList<string>? names, string? requested)
    {
        var labels = names ?? Enumerable.Range(0, count).Select(i => $"LABEL_{i}").ToList();
        var listing = string.Join(", ", labels.Select((n, i) => $"{i} '{n}'"));
        if (requested is not null)
        {
            if (int.TryParse(requested, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                return index < count
                    ? (index, labels[index])
                    : throw new InputException("--label", $"index {index} is out of range: the model has {count} label(s): {listing}");
            var byName = labels.Select((n, i) => (n, i)).Where(x => x.n == requested).ToList();
            return byName.Count == 1
                ? (byName[0].i, byName[0].n)
                : throw new InputException("--label", $"unknown label '{requested}'{(Suggest.Closest(requested, labels) is { } close ? $" (did you mean '{close}'?)" : "")}; the model's labels: {listing}");
        }
        if (count == 1) return (0, labels[0]);
        var reward = labels.Select((n, i) => (n, i)).Where(x => RewardNames.Contains(x.n, StringComparer.OrdinalIgnoreCase)).ToList();
        if (reward.Count == 1) return (reward[0].i, reward[0].n);
        throw new InputException("--label",
            $"the model has {count} labels ({listing}) and none is obviously the reward; choose the column to score with --label NAME|INDEX");
    }
}
