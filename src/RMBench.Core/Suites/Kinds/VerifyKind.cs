using System.Globalization;
using System.Text.Json;
using RMBench.Core.Data;
using RMBench.Core.Errors;
using RMBench.Core.Requests;

namespace RMBench.Core.Suites.Kinds;

/// <summary>
/// Reference-based verification (VerifyBench): a question, its reference answer, a completion and a label
/// (true = the completion's answer is correct). One request per row, role "completion": the conversation is
/// the question, the response the completion, and <see cref="ScoringRequest.Reference"/> the reference
/// answer. Text-only models see the reference in the prompt: the user turn is the suite's template
/// (suite.json "template", with <c>prompt</c> = the question and <c>reference</c>), or without a template
/// <c>QUESTION + "\n\nReference answer: " + REFERENCE</c> (<see cref="PromptFor"/>).
/// <para>A completion is judged correct when its score &gt; the threshold (suite.json
/// <c>options.threshold</c>, default 0.0). Outcome Value: 1 when that judgement equals the label, else 0; a
/// score exactly at the threshold is judged incorrect and counted as a tie. Extras: "score", "label" (1/0),
/// "threshold", "tie_credit" (0, or 0.5 under --ties half: the pairwise metric's credit for equal scores)
/// and "answer_type:&lt;type&gt;" = 1 when the row has an answer_type. The verify metrics (verify_accuracy with
/// calibration, auroc, verify_pairwise) read these.</para>
/// <para>Item attributes: "label" ("true"/"false"), "answer_type" (absent when the row has none).
/// Cluster: the question, so the bootstrap resamples questions with all their completions.</para>
/// </summary>
public sealed class VerifyKind : ISuiteKind
{
    public const string Role = "completion";
    public const string ScoreKey = "score";
    public const string LabelKey = "label";
    public const string ThresholdKey = "threshold";
    public const string TieCreditKey = "tie_credit";
    public const string AnswerTypePrefix = "answer_type:";

    public string Name => "verify";
    public string Description => "question + reference + completion + label; correct when (score > threshold) matches the label";

    public DatasetSchema Schema { get; } = DatasetSchema.For(
        new ColumnSpec("question", ColumnType.String, Required: true),
        new ColumnSpec("reference", ColumnType.String, Required: true),
        new ColumnSpec("completion", ColumnType.String, Required: true),
        new ColumnSpec("label", ColumnType.Bool, Required: true),
        new ColumnSpec("answer_type", ColumnType.String, Required: false));

    /// <summary>The final user turn a text model sees: the question, a blank line, then the reference answer.</summary>
    public static string PromptFor(string question, string reference) => $"{question}\n\nReference answer: {reference}";

    public SuiteItem ToItem(DatasetRow row, SuiteContext context)
    {
        var reference = row.String("reference");
        var prompt = context.Prompts.RenderVerify(row, row.String("question"), reference, PromptFor);
        IReadOnlyList<Turn> turns = [.. row.Conversation, new Turn("user", prompt)];
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [LabelKey] = row.Bool("label") ? "true" : "false",
            [ThresholdKey] = VerifyOptions.From(context.Manifest).Threshold.ToString("R", CultureInfo.InvariantCulture),
        };
        if (row.OptionalString("answer_type") is { } answerType) attributes["answer_type"] = answerType;
        var request = new ScoringRequest(row.System, turns, row.String("completion"), reference: reference);
        return new SuiteItem(row.Id, row.Subset, KindRows.Cluster(row, "question"), Name, [new ItemRequest(Role, request)])
        {
            Attributes = attributes,
        };
    }

    public ItemOutcome Judge(SuiteItem item, IReadOnlyList<float> scores, JudgingOptions options)
    {
        var label = item.Attributes[LabelKey] == "true";
        var threshold = double.Parse(item.Attributes[ThresholdKey], CultureInfo.InvariantCulture);
        var extras = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            [LabelKey] = label ? 1 : 0,
            [ThresholdKey] = threshold,
            [TieCreditKey] = options.Ties == TiePolicy.Half ? 0.5 : 0.0,
        };
        if (item.Attributes.TryGetValue("answer_type", out var answerType)) extras[AnswerTypePrefix + answerType] = 1;
        var score = scores[0];
        if (!float.IsFinite(score)) return new ItemOutcome(item.Id, item.Subset, item.Cluster, 0, 0, Invalid: true) { Extras = extras };
        extras[ScoreKey] = score;
        var judgedCorrect = score > threshold;
        return new ItemOutcome(item.Id, item.Subset, item.Cluster, judgedCorrect == label ? 1 : 0, score == threshold ? 1 : 0, false)
        {
            Extras = extras,
        };
    }
}

/// <summary>
/// The verify settings of a suite.json's "options": <c>threshold</c> (number, default 0.0: the fixed
/// threshold of the outcome and, without calibration, of the verify_accuracy metric) and
/// <c>calibrate_on</c> (a subset name: verify_accuracy picks the threshold that maximises accuracy on that
/// subset and reports accuracy on the other subsets).
/// </summary>
public sealed record VerifyOptions(double Threshold, string? CalibrateOn)
{
    public static VerifyOptions From(SuiteManifest manifest)
    {
        var source = Source(manifest);
        var threshold = 0.0;
        string? calibrateOn = null;
        if (manifest.Options.TryGetValue("threshold", out var t))
        {
            if (t.ValueKind != JsonValueKind.Number || !t.TryGetDouble(out threshold) || !double.IsFinite(threshold))
                throw new InputException(source, $"options.threshold must be a finite number, found {t.GetRawText()}", column: "options.threshold");
        }
        if (manifest.Options.TryGetValue("calibrate_on", out var c))
        {
            if (c.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(c.GetString()))
                throw new InputException(source, $"options.calibrate_on must name a subset, found {c.GetRawText()}", column: "options.calibrate_on");
            calibrateOn = c.GetString();
        }
        return new VerifyOptions(threshold, calibrateOn);
    }

    /// <summary>Where a problem with these options is reported: the manifest file, or the suite name for a manifest made in code.</summary>
    internal static string Source(SuiteManifest manifest) => string.IsNullOrEmpty(manifest.ManifestPath) ? manifest.Name : manifest.ManifestPath;
}
