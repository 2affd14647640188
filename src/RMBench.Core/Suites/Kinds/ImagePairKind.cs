using RMBench.Core.Data;
using RMBench.Core.Requests;

namespace RMBench.Core.Suites.Kinds;

/// <summary>
/// Text-to-image preference (Pick-a-Pic, HPD, ImageReward style): a prompt with a chosen and a rejected
/// image. Each request is the prompt as the user turn, an empty response and the image, so the model
/// scores how well the image answers the prompt. Judged exactly as a text pair: 1 if score(chosen) &gt;
/// score(rejected); ties count 0 (strict) or 0.5 (--ties half) and are counted. Needs a model with the
/// Images capability; text-only models report the suite as unsupported.
/// </summary>
public sealed class ImagePairKind : ISuiteKind
{
    public string Name => "image-pair";
    public string Description => "prompt + chosen_image + rejected_image (PNG/JPEG); correct when the chosen image scores higher";

    public DatasetSchema Schema { get; } = DatasetSchema.For(
        new ColumnSpec("prompt", ColumnType.String, Required: true),
        new ColumnSpec("chosen_image", ColumnType.Image, Required: true),
        new ColumnSpec("rejected_image", ColumnType.Image, Required: true));

    public SuiteItem ToItem(DatasetRow row, SuiteContext context)
    {
        var turns = KindRows.Turns(row);
        return new SuiteItem(row.Id, row.Subset, KindRows.Cluster(row), Name,
        [
            new ItemRequest("chosen", new ScoringRequest(row.System, turns, "", [row.Binary("chosen_image")])),
            new ItemRequest("rejected", new ScoringRequest(row.System, turns, "", [row.Binary("rejected_image")])),
        ]);
    }

    public ItemOutcome Judge(SuiteItem item, IReadOnlyList<float> scores, JudgingOptions options) =>
        ImageKinds.Pair.Judge(item, scores, options);
}

/// <summary>What the image kinds share.</summary>
internal static class ImageKinds
{
    /// <summary>Image items have one chosen and one rejected request, so they are judged like text pairs.</summary>
    public static readonly PairwiseKind Pair = new();
}
