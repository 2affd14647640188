using System.Globalization;
using RMBench.Core.Data;
using RMBench.Core.Errors;

namespace RMBench.Core.Import;

/// <summary>
/// Pick-a-Pic (the text-to-image preference data PickScore is trained and tested on) in its Hugging Face
/// Parquet layout: <c>caption</c>, the two images as binary <c>jpg_0</c> / <c>jpg_1</c>, and
/// <c>label_0</c> (1 = image 0 preferred, 0 = image 1 preferred, 0.5 = tie); optional <c>ranking_id</c>
/// (the id), <c>model_0</c> / <c>model_1</c> (the generators) and <c>has_label</c>. Other columns are ignored.
/// Output: image-pair rows in subset "pick-a-pic". Ties, unlabelled rows and empty captions are skipped with
/// their reason; a missing column, an undecodable image or a label outside {0, 0.5, 1} is invalid input
/// naming file, row and column (the images are checked as the canonical reader checks them).
/// </summary>
public sealed class PickAPicImporter : IImporter
{
    private static readonly DatasetSchema Layout = new(
    [
        new ColumnSpec("caption", ColumnType.String, Required: true),
        new ColumnSpec("jpg_0", ColumnType.Image, Required: true),
        new ColumnSpec("jpg_1", ColumnType.Image, Required: true),
        new ColumnSpec("label_0", ColumnType.Double, Required: true),
        new ColumnSpec("ranking_id", ColumnType.Int, Required: false),
        new ColumnSpec("model_0", ColumnType.String, Required: false),
        new ColumnSpec("model_1", ColumnType.String, Required: false),
        new ColumnSpec("has_label", ColumnType.Bool, Required: false),
    ]);

    public string Name => "pick-a-pic";
    public string Description => "Pick-a-Pic Parquet (caption, jpg_0, jpg_1, label_0) -> image-pair; ties skipped";

    public async Task<ImportResult> ImportAsync(string inputPath, CancellationToken cancellationToken)
    {
        var dataset = await ParquetDatasetReader.ReadAsync(inputPath, Layout, cancellationToken);
        var rows = new List<CanonicalRow>();
        var skipped = new List<ImportSkip>();
        var problems = new List<InputProblem>();
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var row in dataset.Rows)
        {
            var at = $"row {row.Index.ToString(CultureInfo.InvariantCulture)}";
            var label = (double)row.Values["label_0"]!;
            if (label is not (0.0 or 0.5 or 1.0))
            {
                problems.Add(new InputProblem(inputPath, $"label_0 is {label.ToString(CultureInfo.InvariantCulture)}; expected 0, 0.5 or 1", row.Index, "label_0"));
                continue;
            }
            if (row.Values["has_label"] is false) { skipped.Add(new ImportSkip(at, "has_label is false")); continue; }
            if (label == 0.5) { skipped.Add(new ImportSkip(at, "tie (label_0 0.5): neither image is preferred")); continue; }
            var caption = row.String("caption");
            if (string.IsNullOrWhiteSpace(caption)) { skipped.Add(new ImportSkip(at, "empty caption")); continue; }

            var id = row.Values["ranking_id"] is long ranking ? ranking.ToString(CultureInfo.InvariantCulture) : $"pick-a-pic-{row.Index.ToString(CultureInfo.InvariantCulture)}";
            if (!ids.TryAdd(id, row.Index))
            {
                problems.Add(new InputProblem(inputPath, $"ranking_id {id} also appears in row {ids[id].ToString(CultureInfo.InvariantCulture)}", row.Index, "ranking_id"));
                continue;
            }
            var first = label == 1.0;
            rows.Add(new CanonicalRow
            {
                Id = id,
                Subset = "pick-a-pic",
                Prompt = caption,
                ChosenImage = row.Binary(first ? "jpg_0" : "jpg_1"),
                RejectedImage = row.Binary(first ? "jpg_1" : "jpg_0"),
                ChosenModel = row.OptionalString(first ? "model_0" : "model_1"),
                RejectedModel = row.OptionalString(first ? "model_1" : "model_0"),
            });
        }
        if (problems.Count > 0) throw new InputException(problems);
        if (rows.Count == 0) throw new InputException(inputPath, "no preference remains: every row is a tie, unlabelled or without a caption");
        return new ImportResult("image-pair", rows, skipped, [$"{skipped.Count.ToString(CultureInfo.InvariantCulture)} of {dataset.Rows.Count.ToString(CultureInfo.InvariantCulture)} rows skipped (ties, unlabelled, empty captions)"]);
    }
}
