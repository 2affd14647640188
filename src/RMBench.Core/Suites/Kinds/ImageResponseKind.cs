using RMBench.Core.Data;
using RMBench.Core.Requests;

namespace RMBench.Core.Suites.Kinds;

/// <summary>
/// Image-grounded answers (VL-RewardBench, Multimodal RewardBench style): an image, a prompt about it and
/// a chosen and a rejected text answer. Each request carries the image with the prompt and one answer.
/// Judged exactly as a text pair (ties counted; strict 0 or half 0.5). Needs a model with the Images
/// capability; text-only models report the suite as unsupported.
/// </summary>
public sealed class ImageResponseKind : ISuiteKind
{
    public string Name => "image-response";
    public string Description => "image (PNG/JPEG) + prompt + chosen + rejected; correct when the chosen answer scores higher";

    public DatasetSchema Schema { get; } = DatasetSchema.For(
        new ColumnSpec("image", ColumnType.Image, Required: true),
        new ColumnSpec("prompt", ColumnType.String, Required: true),
        new ColumnSpec("chosen", ColumnType.String, Required: true),
        new ColumnSpec("rejected", ColumnType.String, Required: true));

    public SuiteItem ToItem(DatasetRow row, SuiteContext context)
    {
        var turns = KindRows.Turns(row);
        byte[][] images = [row.Binary("image")];
        // The prompt is the question together with its image: one question asked about several images makes several clusters.
        var cluster = new ScoringRequest(row.System, turns, "", images).Hash;
        return new SuiteItem(row.Id, row.Subset, cluster, Name,
        [
            new ItemRequest("chosen", new ScoringRequest(row.System, turns, row.String("chosen"), images)),
            new ItemRequest("rejected", new ScoringRequest(row.System, turns, row.String("rejected"), images)),
        ]);
    }

    public ItemOutcome Judge(SuiteItem item, IReadOnlyList<float> scores, JudgingOptions options) =>
        ImageKinds.Pair.Judge(item, scores, options);
}
