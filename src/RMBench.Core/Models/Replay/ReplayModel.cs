using System.Globalization;
using RMBench.Core.Errors;
using RMBench.Core.Models.Ensemble;
using RMBench.Core.Requests;
using RMBench.Core.Running;
using RMBench.Core.Suites;

namespace RMBench.Core.Models.Replay;

/// <summary>
/// A "model" that answers with stored scores: each request gets the score of the first of its origins
/// (suite, item id, role) found in the <see cref="ReplayTable"/>. A request none of whose origins is stored
/// is invalid input. Before a run (<see cref="PrepareAsync"/>) every request of the run is looked up, so the
/// error counts all that are missing and names the roles the suites expect beside those the file has;
/// a batch scored without that (a bench) fails with the count of its own missing requests.
/// </summary>
public sealed class ReplayModel : IRewardModel, IRunPreparedModel
{
    private const int MaxListed = 20;

    public ReplayModel(ReplayTable table, ModelInfo info)
    {
        Table = table ?? throw new ArgumentNullException(nameof(table));
        Info = info ?? throw new ArgumentNullException(nameof(info));
    }

    public ReplayTable Table { get; }

    public ModelInfo Info { get; }

    public Task<float[]> ScoreAsync(IReadOnlyList<ScoringBatchEntry> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        cancellationToken.ThrowIfCancellationRequested();
        var scores = new float[batch.Count];
        var missing = new List<string>();
        var missingCount = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            var origins = batch[i].Origins;
            if (Table.TryGetScore(origins, out var score))
            {
                scores[i] = score;
                continue;
            }
            missingCount++;
            if (missing.Count < MaxListed) missing.Add(Describe(origins));
        }
        if (missingCount == 0) return Task.FromResult(scores);

        throw Missing($"{Count(missingCount)} of {Count(batch.Count)} requests in this batch", missing, missingCount,
            batch.SelectMany(e => e.Origins).Select(o => o.Role));
    }

    /// <summary>Looks up every request the run will score (items the model takes); refuses, before the run, with all that are missing.</summary>
    public async Task PrepareAsync(IReadOnlyList<LoadedSuite> suites, int batchSize, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, bool>(StringComparer.Ordinal);
        var firstOrigin = new Dictionary<string, RequestOrigin>(StringComparer.Ordinal);
        var expectedRoles = new HashSet<string>(StringComparer.Ordinal);
        foreach (var suite in suites)
            await foreach (var chunk in suite.Items.ReadChunksAsync(cancellationToken))
                foreach (var item in chunk)
                {
                    if (!SuiteSupport.Takes(Info, item)) continue;
                    foreach (var request in item.Requests)
                    {
                        var origin = new RequestOrigin(suite.Name, item.Id, request.Role);
                        expectedRoles.Add(request.Role);
                        var hash = request.Request.Hash;
                        var stored = Table.TryGetScore(origin, out _);
                        if (found.TryGetValue(hash, out var before)) found[hash] = before || stored;
                        else (found[hash], firstOrigin[hash]) = (stored, origin);
                    }
                }
        var missing = found.Where(f => !f.Value).Select(f => f.Key).ToList();
        if (missing.Count == 0) return;
        var listed = missing.Take(MaxListed).Select(h => Describe([firstOrigin[h]])).ToList();
        throw Missing($"{Count(missing.Count)} of {Count(found.Count)} requests of the run", listed, missing.Count, expectedRoles);
    }

    private InputException Missing(string howMany, IReadOnlyList<string> listed, int missingCount, IEnumerable<string> expectedRoles)
    {
        var key = Table.HasSuites ? "(suite, id, role)" : "(id, role)";
        var expected = string.Join(", ", expectedRoles.Distinct().Order(StringComparer.Ordinal));
        var stored = Table.Roles is { Count: > 0 } roles ? string.Join(", ", roles) : "none";
        var problems = new List<InputProblem>
        {
            new(Table.Path, $"{howMany} have no stored score (matched on {key}); the suites expect roles {expected}, the file has roles {stored}"),
        };
        problems.AddRange(listed.Select(m => new InputProblem(Table.Path, $"no score for {m}")));
        if (missingCount > listed.Count)
            problems.Add(new InputProblem(Table.Path, $"... and {Count(missingCount - listed.Count)} more"));
        return new InputException(problems);
    }

    private string Describe(IReadOnlyList<RequestOrigin> origins)
    {
        if (origins.Count == 0) return "a request without an origin";
        var first = origins[0];
        var text = ReplayTable.Describe((first.Suite, first.ItemId, first.Role), Table.HasSuites);
        return origins.Count == 1 ? text : $"{text} (nor for its {Count(origins.Count - 1)} other origins)";
    }

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
