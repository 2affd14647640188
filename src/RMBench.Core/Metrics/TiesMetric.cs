using RMBench.Core.Errors;
using RMBench.Core.Suites;
using RMBench.Core.Suites.Kinds;

namespace RMBench.Core.Metrics;

/// <summary>
/// RewardBench 2's Ties score over the best-of-n rows of the subset named "ties" (any letter case, so
/// RewardBench 2's own "Ties" works). Rows come in pairs per prompt, told apart by id: "ref:&lt;prompt&gt;" (one
/// correct answer) and "tied:&lt;prompt&gt;" (several correct answers); the row's chosen answers are its correct
/// ones, so num_correct = the number of chosen answers. Per row (from <see cref="BestOfNKind"/>'s extras):
/// cim = min(correct) - max(incorrect), accurate = cim &gt; 0, dcm = max(correct) - min(correct) (NaN with
/// fewer than two correct answers). Then ref_accuracy / tied_accuracy = mean accurate over ref / tied rows;
/// over prompts with both rows: preferred = mean(cim_tied &gt; dcm_tied), preferred_hard =
/// mean(min(cim_ref, cim_tied) &gt; dcm_tied), margin = mean(tanh(min(cim_ref, cim_tied) / dcm_tied - 1)) with NaN
/// counted 0. Ties = 0.30 tied_accuracy + 0.30 ref_accuracy + 0.20 preferred + 0.20 preferred_hard + 0.01 margin.
/// An invalid row (a non-finite score) has NaN margins: not accurate, not preferred, margin 0.
/// <para>Under the bootstrap a prompt's two rows share a cluster (same prompt text), so they move together; a
/// prompt drawn twice contributes two pairs. Keys: "ties", "ties:ref_accuracy", "ties:tied_accuracy",
/// "ties:preferred", "ties:preferred_hard", "ties:margin"; none when the subset is absent, and no "ties" (nor
/// pair keys) unless some prompt has both rows.</para>
/// </summary>
public sealed class TiesMetric : ISuiteMetric
{
    public const string SubsetName = "ties";
    public const string Key = "ties";
    public const string RefPrefix = "ref:";
    public const string TiedPrefix = "tied:";

    public string Name => "ties";
    public string Description => "RewardBench 2 Ties score (subset 'ties': ref/tied rows per prompt; accuracy, preference and margin terms)";
    public bool IsDefault => false;

    /// <summary>Where a metric's input error points: the manifest file, or the suite name for a bare file.</summary>
    internal static string SourceOf(SuiteManifest manifest) =>
        string.IsNullOrEmpty(manifest.ManifestPath) ? manifest.Name : manifest.ManifestPath;

    public static bool IsTiesSubset(string subset) => subset.Equals(SubsetName, StringComparison.OrdinalIgnoreCase);

    public IReadOnlyList<MetricValue> Compute(IReadOnlyList<ItemOutcome> outcomes, SuiteManifest manifest)
    {
        if (Score(outcomes, SourceOf(manifest)) is not { } s) return [];
        var values = new List<MetricValue>(6);
        if (s.Pairs > 0)
            values.Add(new MetricValue(Key, s.Ties, s.RefRows + s.TiedRows)
            {
                Label = "Ties (RewardBench 2: 0.30 tied acc + 0.30 ref acc + 0.20 preferred + 0.20 preferred hard + 0.01 margin)",
            });
        if (s.RefRows > 0) values.Add(new MetricValue("ties:ref_accuracy", s.RefAccuracy, s.RefRows) { Label = "Ties: accuracy on ref rows (one correct answer)" });
        if (s.TiedRows > 0) values.Add(new MetricValue("ties:tied_accuracy", s.TiedAccuracy, s.TiedRows) { Label = "Ties: accuracy on tied rows (several correct answers)" });
        if (s.Pairs > 0)
        {
            values.Add(new MetricValue("ties:preferred", s.Preferred, s.Pairs) { Label = "Ties: correct-incorrect margin above the spread of correct answers" });
            values.Add(new MetricValue("ties:preferred_hard", s.PreferredHard, s.Pairs) { Label = "Ties: the same with the smaller margin of the ref and tied rows" });
            values.Add(new MetricValue("ties:margin", s.Margin, s.Pairs) { Label = "Ties: mean tanh(margin / spread - 1)" });
        }
        return values;
    }

    /// <summary>The Ties terms over the ties subset of <paramref name="outcomes"/>; null when it has no rows.</summary>
    /// <param name="source">The suite (manifest path) named in an error.</param>
    /// <exception cref="InputException">A row of the ties subset whose id is not "ref:&lt;prompt&gt;" or "tied:&lt;prompt&gt;".</exception>
    public static TiesScore? Score(IEnumerable<ItemOutcome> outcomes, string source)
    {
        var prompts = new SortedDictionary<string, (List<Row> Ref, List<Row> Tied)>(StringComparer.Ordinal);
        foreach (var outcome in outcomes)
        {
            if (!IsTiesSubset(outcome.Subset)) continue;
            var (isRef, prompt) = Parse(outcome, source);
            if (!prompts.TryGetValue(prompt, out var rows)) prompts[prompt] = rows = ([], []);
            (isRef ? rows.Ref : rows.Tied).Add(Row.Of(outcome));
        }
        if (prompts.Count == 0) return null;

        int refRows = 0, refAccurate = 0, tiedRows = 0, tiedAccurate = 0, pairs = 0, preferred = 0, preferredHard = 0;
        double margin = 0;
        foreach (var (refs, tieds) in prompts.Values)
        {
            refRows += refs.Count;
            refAccurate += refs.Count(r => r.Cim > 0);
            tiedRows += tieds.Count;
            tiedAccurate += tieds.Count(r => r.Cim > 0);
            // A prompt drawn k times by the bootstrap holds k copies of each row: pair them in order.
            for (var k = 0; k < Math.Min(refs.Count, tieds.Count); k++)
            {
                var (reference, tied) = (refs[k], tieds[k]);
                var hardest = Math.Min(reference.Cim, tied.Cim); // NaN when either is NaN
                pairs++;
                if (tied.Cim > tied.Dcm) preferred++;
                if (hardest > tied.Dcm) preferredHard++;
                var m = Math.Tanh(hardest / tied.Dcm - 1);
                if (!double.IsNaN(m)) margin += m;
            }
        }
        return new TiesScore(refRows, tiedRows, pairs,
            Mean(refAccurate, refRows), Mean(tiedAccurate, tiedRows),
            Mean(preferred, pairs), Mean(preferredHard, pairs), pairs == 0 ? double.NaN : margin / pairs);

        static double Mean(double sum, int n) => n == 0 ? double.NaN : sum / n;
    }

    private static (bool IsRef, string Prompt) Parse(ItemOutcome outcome, string source)
    {
        if (outcome.Id.StartsWith(RefPrefix, StringComparison.Ordinal) && outcome.Id.Length > RefPrefix.Length)
            return (true, outcome.Id[RefPrefix.Length..]);
        if (outcome.Id.StartsWith(TiedPrefix, StringComparison.Ordinal) && outcome.Id.Length > TiedPrefix.Length)
            return (false, outcome.Id[TiedPrefix.Length..]);
        throw new InputException(source,
            $"item '{outcome.Id}' of subset '{outcome.Subset}': the Ties metric needs ids 'ref:<prompt>' or 'tied:<prompt>'.", column: "id");
    }

    /// <summary>One row's margins: cim = min(correct) - max(incorrect); dcm = max(correct) - min(correct), NaN with one correct answer.</summary>
    private readonly record struct Row(double Cim, double Dcm)
    {
        public static Row Of(ItemOutcome outcome)
        {
            var e = outcome.Extras;
            if (outcome.Invalid || !e.TryGetValue(BestOfNKind.MinCorrectKey, out var minCorrect)
                || !e.TryGetValue(BestOfNKind.MaxCorrectKey, out var maxCorrect)
                || !e.TryGetValue(BestOfNKind.MaxIncorrectKey, out var maxIncorrect)
                || !e.TryGetValue(BestOfNKind.NumCorrectKey, out var numCorrect))
                return new Row(double.NaN, double.NaN);
            return new Row(minCorrect - maxIncorrect, numCorrect >= 2 ? maxCorrect - minCorrect : double.NaN);
        }
    }
}

/// <summary>The terms of RewardBench 2's Ties score (see <see cref="TiesMetric"/>); NaN where undefined.</summary>
public sealed record TiesScore(int RefRows, int TiedRows, int Pairs, double RefAccuracy, double TiedAccuracy,
    double Preferred, double PreferredHard, double Margin)
{
    public double Ties => 0.30 * TiedAccuracy + 0.30 * RefAccuracy + 0.20 * Preferred + 0.20 * PreferredHard + 0.01 * Margin;
}
