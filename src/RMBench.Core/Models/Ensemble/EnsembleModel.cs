using System.Globalization;
using RMBench.Core.Errors;
using RMBench.Core.IO;
using RMBench.Core.Requests;
using RMBench.Core.Results;
using RMBench.Core.Running;
using RMBench.Core.Suites;

namespace RMBench.Core.Models.Ensemble;

/// <summary>
/// Several reward models as one. Standardisation rule: before the first suite (<see cref="PrepareAsync"/>), every
/// unique request of the run that the members can take is scored by every member; member m's scores are then
/// standardised as z = (s - mean_m) / std_m with the mean and population standard deviation of m's finite scores
/// over exactly those requests (std 0 -&gt; 1), and the z-scores are combined (<see cref="EnsembleCombine"/>). So a
/// request's score depends on the run's set of requests: the ensemble is never served from or written to the
/// score cache (a resumed run has the same requests, so its journal stays valid). --ensemble-raw combines raw
/// scores instead (and caches). The same pass judges every item with each member's raw scores alone for the
/// members' pairwise agreement per suite (run.json <c>ensemble</c>). A member that cannot take a suite's items is
/// an input error.
/// </summary>
public sealed class EnsembleModel : IRewardModel, IEnsembleReporting, IRunPreparedModel
{
    private readonly IReadOnlyList<string> _specs;
    private readonly IReadOnlyList<IRewardModel> _members;
    private readonly EnsembleCombine _combine;
    private readonly bool _standardise;
    private readonly Dictionary<string, double[]> _memberScores = new(StringComparer.Ordinal);
    private (double Mean, double Std)[]? _scales;
    private int[] _scaleCounts = [];
    private List<EnsembleAgreement> _agreement = [];
    private readonly SemaphoreSlim _scoring = new(1, 1);

    public EnsembleModel(IReadOnlyList<string> specs, IReadOnlyList<IRewardModel> members, EnsembleCombine combine, bool standardise)
    {
        _specs = specs;
        _members = members;
        _combine = combine;
        _standardise = standardise;
        var identity = string.Join("\n", members.Select(m => $"{m.Info.Backend}|{m.Info.Id}|{m.Info.Digest}|{string.Join(";", m.Info.Settings.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}={s.Value}"))}"));
        Info = new ModelInfo
        {
            Id = $"ensemble-{combine.Rule}-" + string.Join("+", members.Select(m => m.Info.Id)),
            Backend = EnsembleBackend.BackendName,
            Digest = Sha256.Hex(identity),
            Capabilities = members.Aggregate((ModelCapabilities)0, (c, m) => c | m.Info.Capabilities),
            Deterministic = members.All(m => m.Info.Deterministic),
            Cacheable = !standardise && members.All(m => m.Info.Cacheable),
            Settings = new Dictionary<string, string>
            {
                ["combine"] = combine.ToString(),
                ["standardised"] = standardise ? "per member over the run's requests" : "no (raw scores)",
                ["members"] = string.Join(",", specs),
                ["member_digests"] = string.Join(",", members.Select(m => m.Info.Digest)),
            },
        };
    }

    public ModelInfo Info { get; }

    public EnsembleReport Report => new(_combine.ToString(), _standardise,
        [.. _members.Select((m, i) => new EnsembleMember(_specs[i], m.Info, _scales?[i].Mean ?? 0, _scales?[i].Std ?? 1, _scaleCounts.ElementAtOrDefault(i)))])
    { Agreement = _agreement };

    public async Task PrepareAsync(IReadOnlyList<LoadedSuite> suites, int batchSize, CancellationToken cancellationToken)
    {
        CheckMembersTakeSuites(suites, await ReadAllAsync(suites, cancellationToken));
        var unique = new Dictionary<string, ScoringRequest>(StringComparer.Ordinal);
        foreach (var suite in suites)
            await foreach (var chunk in suite.Items.ReadChunksAsync(cancellationToken))
                foreach (var request in chunk.SelectMany(i => i.Requests))
                    unique.TryAdd(request.Request.Hash, request.Request);
        await ScoreMissingAsync([.. unique.Values], batchSize, cancellationToken);
        ComputeScales(unique.Keys);
        _agreement = await AgreementAsync(suites, cancellationToken);
    }

    /// <summary>Which capabilities each suite's items need (read once, before any scoring).</summary>
    private static async Task<Dictionary<string, HashSet<ModelCapabilities>>> ReadAllAsync(IReadOnlyList<LoadedSuite> suites, CancellationToken cancellationToken)
    {
        var needs = new Dictionary<string, HashSet<ModelCapabilities>>(StringComparer.Ordinal);
        foreach (var suite in suites)
        {
            var set = needs[suite.Name] = [];
            await foreach (var chunk in suite.Items.ReadChunksAsync(cancellationToken))
                foreach (var item in chunk) set.Add(SuiteSupport.Needs(item));
        }
        return needs;
    }

    private void CheckMembersTakeSuites(IReadOnlyList<LoadedSuite> suites, Dictionary<string, HashSet<ModelCapabilities>> needs)
    {
        var problems = new List<InputProblem>();
        foreach (var suite in suites)
            for (var m = 0; m < _members.Count; m++)
            {
                var missing = needs[suite.Name].Where(n => !_members[m].Info.Capabilities.HasFlag(n)).Select(n => n.ToString().ToLowerInvariant()).ToList();
                if (missing.Count > 0)
                    problems.Add(new InputProblem("--model", $"ensemble member '{_specs[m]}' cannot take suite '{suite.Name}' (its items need {string.Join(" and ", missing)}); every member must score every item of the suites"));
            }
        if (problems.Count > 0) throw new InputException(problems);
    }

    private async Task ScoreMissingAsync(IReadOnlyList<ScoringRequest> requests, int batchSize, CancellationToken cancellationToken)
    {
        var missing = requests.Where(r => !_memberScores.ContainsKey(r.Hash)).DistinctBy(r => r.Hash).ToList();
        var rows = missing.ToDictionary(r => r.Hash, _ => new double[_members.Count], StringComparer.Ordinal);
        for (var m = 0; m < _members.Count; m++)
        {
            var member = _members[m];
            var ordered = missing.OrderBy(member.MeasureLength).ThenBy(r => r.Hash, StringComparer.Ordinal).ToList();
            for (var start = 0; start < ordered.Count; start += batchSize)
            {
                var batch = ordered.Skip(start).Take(batchSize).Select(r => new ScoringBatchEntry(r, [])).ToList();
                var scores = await member.ScoreAsync(batch, cancellationToken);
                if (scores.Length != batch.Count)
                    throw new InvalidOperationException($"ensemble member '{_specs[m]}' returned {scores.Length} scores for {batch.Count} requests");
                for (var i = 0; i < batch.Count; i++) rows[batch[i].Request.Hash][m] = scores[i];
            }
        }
        foreach (var (hash, row) in rows) _memberScores[hash] = row;
    }

    private void ComputeScales(IEnumerable<string> hashes)
    {
        var scales = new (double, double)[_members.Count];
        _scaleCounts = new int[_members.Count];
        var keys = hashes.ToList();
        for (var m = 0; m < _members.Count; m++)
        {
            var values = keys.Select(h => _memberScores[h][m]).Where(double.IsFinite).ToList();
            var mean = values.Count == 0 ? 0 : values.Average();
            var std = values.Count == 0 ? 0 : Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count);
            scales[m] = (mean, std > 0 ? std : 1);
            _scaleCounts[m] = values.Count;
        }
        _scales = scales;
    }

    /// <summary>Per suite and member pair: mean over items of 1 - |outcome_a - outcome_b|, outcomes judged from each member's raw scores.</summary>
    private async Task<List<EnsembleAgreement>> AgreementAsync(IReadOnlyList<LoadedSuite> suites, CancellationToken cancellationToken)
    {
        var result = new List<EnsembleAgreement>();
        var kinds = SuiteLoader.Default.Kinds;
        foreach (var suite in suites)
        {
            var sums = new double[_members.Count, _members.Count];
            var items = 0;
            await foreach (var chunk in suite.Items.ReadChunksAsync(cancellationToken))
                foreach (var item in chunk)
                {
                    var kind = kinds.Get(item.Kind, suite.Name);
                    var outcomes = new double[_members.Count];
                    for (var m = 0; m < _members.Count; m++)
                    {
                        var scores = item.Requests.Select(r => (float)_memberScores[r.Request.Hash][m]).ToList();
                        outcomes[m] = kind.Judge(item, scores, new JudgingOptions()).Value;
                    }
                    for (var a = 0; a < _members.Count; a++)
                        for (var b = a + 1; b < _members.Count; b++) sums[a, b] += 1 - Math.Abs(outcomes[a] - outcomes[b]);
                    items++;
                }
            for (var a = 0; a < _members.Count; a++)
                for (var b = a + 1; b < _members.Count; b++)
                    if (items > 0) result.Add(new EnsembleAgreement(suite.Name, a, b, sums[a, b] / items, items));
        }
        return result;
    }

    public async Task<float[]> ScoreAsync(IReadOnlyList<ScoringBatchEntry> batch, CancellationToken cancellationToken)
    {
        await _scoring.WaitAsync(cancellationToken);
        try
        {
            // Requests the preparation did not see (bench, or a model used without a run) are scored now; their
            // standardisation uses the run's scales when there are some, else none.
            await ScoreMissingAsync([.. batch.Select(e => e.Request)], Math.Max(1, batch.Count), cancellationToken);
            var combined = new float[batch.Count];
            Span<double> z = stackalloc double[_members.Count];
            for (var i = 0; i < batch.Count; i++)
            {
                var raw = _memberScores[batch[i].Request.Hash];
                for (var m = 0; m < raw.Length; m++)
                    z[m] = _standardise && _scales is { } scales ? (raw[m] - scales[m].Mean) / scales[m].Std : raw[m];
                combined[i] = (float)_combine.Apply(z);
            }
            return combined;
        }
        finally
        {
            _scoring.Release();
        }
    }

    public int MeasureLength(ScoringRequest request) => _members[0].MeasureLength(request);

    public async ValueTask DisposeAsync()
    {
        foreach (var member in _members) await member.DisposeAsync();
        _scoring.Dispose();
    }

    /// <summary>For messages: the combination as given.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Info.Id} ({_combine})");
}
