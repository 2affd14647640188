using RMBench.Core.Requests;
using RMBench.Core.Suites;

namespace RMBench.Core.Running;

/// <summary>A unique request and every (suite, item, role) that needs its score.</summary>
public sealed record PlannedRequest(ScoringRequest Request, List<RequestOrigin> Origins);

/// <summary>
/// All items of all suites flattened into unique scoring requests: an identical conversation + response
/// is scored once, however many items (or suites) contain it.
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

    public static RequestPlan Build(IReadOnlyList<LoadedSuite> suites)
    {
        var byHash = new Dictionary<string, PlannedRequest>(StringComparer.Ordinal);
        var unique = new List<PlannedRequest>();
        var total = 0;
        foreach (var suite in suites)
            foreach (var item in suite.Items)
                foreach (var request in item.Requests)
                {
                    total++;
                    var origin = new RequestOrigin(suite.Name, item.Id, request.Role);
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

    /// <summary>Hash over the set of request hashes: two plans with equal fingerprints score the same requests.</summary>
    public string Fingerprint()
    {
        var hashes = Unique.Select(p => p.Request.Hash).Order(StringComparer.Ordinal);
        return IO.Sha256.Hex(string.Join("\n", hashes));
    }
}
