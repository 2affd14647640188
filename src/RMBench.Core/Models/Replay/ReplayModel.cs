using System.Globalization;
using RMBench.Core.Errors;

namespace RMBench.Core.Models.Replay;

/// <summary>
/// A "model" that answers with stored scores: each request gets the score of the first of its origins
/// (suite, item id, role) found in the <see cref="ReplayTable"/>. A request none of whose origins is stored
/// is invalid input: the whole batch fails with an <see cref="InputException"/> that names the file, says how
/// many requests of the batch are missing and lists the first of them.
/// </summary>
public sealed class ReplayModel : IRewardModel
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

        var key = Table.HasSuites ? "(suite, id, role)" : "(id, role)";
        var problems = new List<InputProblem>
        {
            new(Table.Path, $"{Count(missingCount)} of {Count(batch.Count)} requests in this batch have no stored score (matched on {key})"),
        };
        problems.AddRange(missing.Select(m => new InputProblem(Table.Path, $"no score for {m}")));
        if (missingCount > missing.Count)
            problems.Add(new InputProblem(Table.Path, $"... and {Count(missingCount - missing.Count)} more"));
        throw new InputException(problems);
    }

    private string Describe(IReadOnlyList<Requests.RequestOrigin> origins)
    {
        if (origins.Count == 0) return "a request without an origin";
        var first = origins[0];
        var text = ReplayTable.Describe((first.Suite, first.ItemId, first.Role), Table.HasSuites);
        return origins.Count == 1 ? text : $"{text} (nor for its {Count(origins.Count - 1)} other origins)";
    }

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
