using RMBench.Core.Requests;
using RMBench.Core.Suites;

namespace RMBench.Core.Running;

/// <summary>A unique request and every (suite, item, role) that needs its score.</summary>
public sealed record PlannedRequest(ScoringRequest Request, List<RequestOrigin> Origins);

/// <summary>
/// Items flattened into unique scoring requests: an identical conversation + response is scored once,
/// however many items (or suites) contain it. The runner plans one chunk of items at a time (and finds
/// repeats across chunks in its <see cref="ScoreIndex"/>); a bench plans its whole, small workload.
/// </summary>
public sealed class RequestPlan
{
    private RequestPlan(IReadOnlyList<PlannedRequest> unique, int total)
    {
        Unique = unique;
        TotalRequests = total;
    }

    public IReadOnlyList<PlannedRequest> Unique { get; }
    public int TotalRequests { get; }

    /// <summary>Every item of the suites, read whole (for small workloads).</summary>
    public static async Task<RequestPlan> BuildAsync(IReadOnlyList<LoadedSuite> suites, CancellationToken cancellationToken = default)
    {
        var items = new List<(string, IReadOnlyList<SuiteItem>)>();
        foreach (var suite in suites) items.Add((suite.Name, await suite.Items.ReadAllAsync(cancellationToken)));
        return Build(items);
    }

    public static RequestPlan Build(IEnumerable<(string Suite, IReadOnlyList<SuiteItem> Items)> suites)
    {
        var byHash = new Dictionary<string, PlannedRequest>(StringComparer.Ordinal);
        var unique = new List<PlannedRequest>();
        var total = 0;
        foreach (var (suite, items) in suites)
            foreach (var item in items)
                foreach (var request in item.Requests)
                {
                    total++;
                    var origin = new RequestOrigin(suite, item.Id, request.Role);
                    if (byHash.TryGetValue(request.Request.Hash, out var planned))
                    {
                        planned.Origins.Add(origin);
                        continue;
                    }
                    planned = new PlannedRequest(request.Request, [origin]);
                    byHash.Add(request.Request.Hash, planned);
                    unique.Add(planned);
                }
        return new RequestPlan(unique, total);
    }
}
