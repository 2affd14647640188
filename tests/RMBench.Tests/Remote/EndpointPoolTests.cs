using RMBench.Core.Models;
using RMBench.Remote.Http;

namespace RMBench.Tests.Remote;

public class EndpointPoolTests
{
    [Fact]
    public async Task A_circuit_opened_on_every_endpoint_is_probed_again_once_its_break_is_over()
    {
        // Short backoff, a 500 ms break (Polly's minimum) and a budget of retries that outlasts it.
        var options = new RemoteOptions { Retry = new RetrySettings(12, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500)) };
        await using var pool = new EndpointPool([new Uri("http://127.0.0.1:1"), new Uri("http://127.0.0.1:2")], options, "test");
        var healthy = false;
        async Task<int> Attempt(RemoteEndpoint endpoint, CancellationToken ct)
        {
            await Task.Yield();
            return healthy ? endpoint.Index + 1 : throw new TransientRemoteException(endpoint, "HTTP 503: busy");
        }

        // One call's retries alternate between the endpoints and fail on both 4 times: both circuits open (and
        // reopen after each failed probe) until its retries are spent.
        await Assert.ThrowsAsync<ModelUnavailableException>(() => pool.ExecuteAsync(Attempt, CancellationToken.None));

        healthy = true; // the servers recover; the pool must find out through a half-open probe
        var score = await pool.ExecuteAsync(Attempt, CancellationToken.None);

        Assert.InRange(score, 1, 2);
    }
}
