using RMBench.Core.Errors;
using RMBench.Core.Suites;
using RMBench.Core.Suites.Kinds;

namespace RMBench.Core.Metrics;

/// <summary>
/// "verify_accuracy": accuracy of "score &gt; threshold means correct" against the labels of verify
/// outcomes, overall ("verify:accuracy") and per answer_type ("verify:accuracy:&lt;type&gt;"); the threshold
/// used is reported as "verify:threshold". An invalid item counts 0.
/// <para>Fixed threshold: suite.json <c>options.threshold</c> (default 0.0); accuracy over every verify item.
/// Calibrated (<c>options.calibrate_on: "&lt;subset&gt;"</c>): the threshold is the one that maximises accuracy on
/// that subset (see <see cref="Calibrate"/>) and accuracy is reported on the other subsets only. Under the
/// bootstrap the threshold is re-calibrated on each resample, so the interval includes calibration noise.</para>
/// </summary>
public sealed class VerifyAccuracyMetric : ISuiteMetric
{
    public const string AccuracyKey = "verify:accuracy";
    public const string ThresholdKey = "verify:threshold";

    public string Name => "verify_accuracy";
    public string Description => "verification accuracy at the suite's threshold (fixed or calibrated on a subset), overall and per answer_type";
    public bool IsDefault => false;

    public IReadOnlyList<MetricValue> Compute(IReadOnlyList<ItemOutcome> outcomes, SuiteManifest manifest)
    {
        var options = VerifyOptions.From(manifest);
        var points = VerifyPoint.From(outcomes);
        var threshold = options.Threshold;
        var reported = points;
        var values = new List<MetricValue>();
        if (options.CalibrateOn is { } split)
        {
            if (points.Count > 0 && points.All(p => p.Outcome.Subset != split))
                throw new InputException(VerifyOptions.Source(manifest),
                    $"options.calibrate_on names subset '{split}', which the suite's verify data does not have (subsets: {string.Join(", ", points.Select(p => p.Outcome.Subset).Distinct().Order(StringComparer.Ordinal))})",
                    column: "options.calibrate_on");
            var calibration = points.Where(p => p.Outcome.Subset == split && p.Score is not null).ToList();
            reported = points.Where(p => p.Outcome.Subset != split).ToList();
            if (calibration.Count == 0) return []; // every calibration score was invalid
            threshold = Calibrate(calibration.Select(p => (p.Score!.Value, p.Label)).ToList());
            values.Add(new MetricValue(ThresholdKey, threshold, calibration.Count) { Label = $"Threshold calibrated on subset {split}" });
        }
        else if (points.Count > 0)
        {
            values.Add(new MetricValue(ThresholdKey, threshold, points.Count) { Label = "Threshold (fixed)" });
        }
        if (reported.Count == 0) return values;

        var where = options.CalibrateOn is { } s ? $" (subsets other than {s})" : "";
        values.Add(new MetricValue(AccuracyKey, reported.Average(p => p.CorrectAt(threshold)), reported.Count)
        {
            Label = $"Verification accuracy at the threshold{where}",
        });
        foreach (var type in reported.SelectMany(p => p.AnswerTypes).Distinct().Order(StringComparer.Ordinal))
        {
            var ofType = reported.Where(p => p.AnswerTypes.Contains(type)).ToList();
            values.Add(new MetricValue($"{AccuracyKey}:{type}", ofType.Average(p => p.CorrectAt(threshold)), ofType.Count)
            {
                Label = $"Verification accuracy, answer_type {type}{where}",
            });
        }
        return values;
    }

    /// <summary>
    /// The threshold t maximising the accuracy of "score &gt; t" on the given (score, label) points. Candidates:
    /// 1 below the lowest score (accept all), the midpoints between consecutive distinct scores, and 1 above
    /// the highest (reject all). Ties between candidates go to the lowest threshold (deterministic).
    /// </summary>
    public static double Calibrate(IReadOnlyList<(double Score, bool Label)> points)
    {
        if (points.Count == 0) throw new ArgumentException("No points to calibrate on.", nameof(points));
        var sorted = points.OrderBy(p => p.Score).ToArray();
        // Start below every score: all accepted, correct = the positives.
        var correct = sorted.Count(p => p.Label);
        var (best, bestThreshold) = (correct, sorted[0].Score - 1);
        for (var start = 0; start < sorted.Length;)
        {
            var end = start;
            while (end < sorted.Length && sorted[end].Score == sorted[start].Score)
            {
                correct += sorted[end].Label ? -1 : 1; // now rejected
                end++;
            }
            var threshold = end < sorted.Length ? (sorted[start].Score + sorted[end].Score) / 2 : sorted[^1].Score + 1;
            if (correct > best) (best, bestThreshold) = (correct, threshold);
            start = end;
        }
        return bestThreshold;
    }
}
