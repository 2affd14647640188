using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using RMBench.Core.Models;
using RMBench.Core.Requests;
using RMBench.Core.Results;
using RMBench.Onnx.Baseline;
using RMBench.Onnx.Graph;
using RMBench.Onnx.Graph.Models;
using RMBench.Remote.KServe;
using RMBench.Remote.Serve;
using RMBench.Tests.Cli;

namespace RMBench.Tests.Remote;

/// <summary>`rmbench serve` driven by `kserve:` over REST (binary and JSON tensors) and gRPC: the in-process scores, exactly.</summary>
public class KServeServeTests
{
    private static readonly ServeOptions AnyPorts = new() { HttpPort = 0, GrpcPort = 0 };

    private static async Task<IReadOnlyList<ScoreRow>> RunScoresAsync(string spec)
    {
        var dir = TestPaths.NewTempDirectory();
        var result = await Cli.Cli.RunAsync(["run", "--suite", "general", "--model", spec, "--out", dir, "--bootstrap", "10", "--no-cache"]);
        Assert.True(result.ExitCode == 0, result.All);
        var scores = Directory.GetFiles(dir, RunFiles.ScoresParquet, SearchOption.AllDirectories).Single();
        return await ScoresTable.ReadAsync(scores);
    }

    private static string Url(Uri address) => address.ToString().TrimEnd('/');

    /// <summary>
    /// An ONNX graph whose scores are exact integers whatever the batch: 1000 x position of the last non-pad
    /// token + its id (decoder pooling), over the baseline's cl100k tokenizer, pad = &lt;|endoftext|&gt;.
    /// </summary>
    private static string LastTokenProbe()
    {
        var dir = Path.Combine(TestPaths.NewTempDirectory("rmbench-kserve"), "last_token");
        OptimumExport.Write(dir, ProbeModels.LastToken(padTokenId: 100257), tokenizerFilesDirectory: BaselineBackend.Materialize());
        return dir;
    }

    [Theory]
    [InlineData("onnx-probe")]
    [InlineData("length")]
    public async Task Served_model_scores_over_rest_and_grpc_are_the_in_process_scores(string which)
    {
        var spec = which == "length" ? "length" : $"onnx:{LastTokenProbe()}";
        await using var model = await ModelRegistry.Default.CreateAsync(spec, new ModelOptions(), CancellationToken.None);
        await using var host = await ServeHost.StartAsync(model, AnyPorts with { MaxBatch = 48 }, CancellationToken.None);
        var local = await RunScoresAsync(spec);
        var rest = await RunScoresAsync($"kserve:{Url(host.RestAddress)}#{model.Info.Id}");
        var grpc = await RunScoresAsync($"kserve:{Url(host.GrpcAddress)}#{model.Info.Id}");
        Assert.True(local.Count > 2000);
        static IEnumerable<(string, string, float)> Key(IReadOnlyList<ScoreRow> rows) => rows.Select(r => (r.Id, r.Role, r.Score));
        Assert.Equal(Key(local), Key(rest));
        Assert.Equal(Key(local), Key(grpc));
        Assert.True(host.Batcher.Totals.Rows >= 2 * local.Select(r => r.RequestHash).Distinct().Count());
        if (which != "length") Assert.True(local.Select(r => r.Score).Distinct().Count() > 100, $"the probe's scores must vary with content ({local.Select(r => r.Score).Distinct().Count()} distinct)");
    }

    /// <summary>
    /// The baseline's n-gram graph sums over the padded width, so its float scores move in the last bits with
    /// batch composition (the onnx backend's own batch-invariance contract is 1e-5): the server merges
    /// batches differently from an in-process run, and a served baseline agrees within that and in accuracy.
    /// </summary>
    [Fact]
    public async Task Served_baseline_agrees_with_in_process_within_the_batch_invariance_tolerance()
    {
        await using var model = await ModelRegistry.Default.CreateAsync("baseline", new ModelOptions(), CancellationToken.None);
        await using var host = await ServeHost.StartAsync(model, AnyPorts, CancellationToken.None);
        var local = await RunScoresAsync("baseline");
        var grpc = await RunScoresAsync($"kserve:{Url(host.GrpcAddress)}#baseline");
        Assert.Equal(local.Select(r => (r.Id, r.Role)), grpc.Select(r => (r.Id, r.Role)));
        foreach (var (a, b) in local.Zip(grpc)) Assert.Equal(a.Score, b.Score, 1e-5f);
    }

    [Theory]
    [InlineData("binary")]
    [InlineData("json")]
    public async Task Rest_json_and_binary_tensors_give_the_same_scores(string tensors)
    {
        await using var model = await ModelRegistry.Default.CreateAsync("baseline", new ModelOptions(), CancellationToken.None);
        await using var host = await ServeHost.StartAsync(model, AnyPorts, CancellationToken.None);
        await using var remote = await ModelRegistry.Default.CreateAsync($"kserve:{Url(host.RestAddress)}#baseline",
            new ModelOptions { Extra = new Dictionary<string, string> { ["kserve-tensors"] = tensors } }, CancellationToken.None);
        var batch = KServeTritonTests.Requests().Select(r => new ScoringBatchEntry(r, [])).ToList();
        Assert.Equal(await model.ScoreAsync(batch, CancellationToken.None), await remote.ScoreAsync(batch, CancellationToken.None));
        Assert.Equal(tensors == "binary" ? "rest-binary" : "rest-json", remote.Info.Settings["transport"]);
        Assert.Equal("requestjson (request)", remote.Info.Settings["input"]);
    }

    [Fact]
    public async Task Binary_extension_round_trip_on_the_wire()
    {
        await using var model = await ModelRegistry.Default.CreateAsync("length", new ModelOptions(), CancellationToken.None);
        await using var host = await ServeHost.StartAsync(model, AnyPorts, CancellationToken.None);
        using var http = new HttpClient { BaseAddress = host.RestAddress };
        var element = Encoding.UTF8.GetBytes("""{"turns":[{"role":"user","content":"q"}],"response":"héllo"}""");
        var header = Encoding.UTF8.GetBytes($$$"""{"inputs":[{"name":"request","datatype":"BYTES","shape":[1],"parameters":{"binary_data_size":{{{4 + element.Length}}}}}],"outputs":[{"name":"score","parameters":{"binary_data":true}}]}""");
        byte[] body = [.. header, .. BitConverter.GetBytes(element.Length), .. element];
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Headers.Add("Inference-Header-Content-Length", header.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var response = await http.PostAsync("v2/models/length/infer", content);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var headerLength = int.Parse(response.Headers.GetValues("Inference-Header-Content-Length").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("\"binary_data_size\":4", Encoding.UTF8.GetString(bytes, 0, headerLength));
        Assert.Equal(4, bytes.Length - headerLength);
        Assert.Equal(5f, BitConverter.ToSingle(bytes, headerLength)); // "héllo": 5 code points

        using var bad = await http.PostAsync("v2/models/length/infer", new StringContent("""{"inputs":[{"name":"text","datatype":"BYTES","shape":[1],"data":["x"]}]}"""));
        Assert.Equal(400, (int)bad.StatusCode);
        Assert.Contains("takes one input 'request'", await bad.Content.ReadAsStringAsync());
        using var missing = await http.GetAsync("v2/models/other");
        Assert.Equal(404, (int)missing.StatusCode);
    }

    private sealed class RecordingModel : IRewardModel
    {
        public List<int> BatchSizes { get; } = [];
        public ModelInfo Info { get; } = new() { Id = "recording", Backend = "test", Digest = "v1" };

        public Task<float[]> ScoreAsync(IReadOnlyList<ScoringBatchEntry> batch, CancellationToken cancellationToken)
        {
            lock (BatchSizes) BatchSizes.Add(batch.Count);
            return Task.FromResult(batch.Select(e => (float)e.Request.Response.Length).ToArray());
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Dynamic_batcher_merges_concurrent_requests_up_to_max_batch_and_returns_each_its_scores()
    {
        var model = new RecordingModel();
        await using var batcher = new DynamicBatcher(model, maxBatch: 4, maxDelay: TimeSpan.FromSeconds(2));
        var requests = Enumerable.Range(1, 9).Select(n => new[] { new ScoringRequest(null, [], new string('x', n)) }).ToList();
        requests.Add([new ScoringRequest(null, [], "ab"), new ScoringRequest(null, [], "abc")]);
        var tasks = requests.Select(r => batcher.ScoreAsync(r)).ToList();
        var results = await Task.WhenAll(tasks);
        for (var i = 0; i < requests.Count; i++) Assert.Equal(requests[i].Select(r => (float)r.Response.Length), results[i]);
        Assert.Equal([4, 4, 3], model.BatchSizes); // 9 single rows then a pair: 4, 4, then the ninth row and the pair
        Assert.Equal((3L, 11L), batcher.Totals);
    }

    /// <summary>Takes two batches at once; each call waits (up to 10 s) until another is in flight, and records the most at once.</summary>
    private sealed class TwoAtOnceModel : IRewardModel, IConcurrentModel
    {
        private readonly TaskCompletionSource _second = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _inFlight;
        public int MostAtOnce { get; private set; }
        public int DefaultConcurrency => 2;
        public ModelInfo Info { get; } = new() { Id = "two-at-once", Backend = "test", Digest = "v1" };

        public async Task<float[]> ScoreAsync(IReadOnlyList<ScoringBatchEntry> batch, CancellationToken cancellationToken)
        {
            var now = Interlocked.Increment(ref _inFlight);
            lock (_second) MostAtOnce = Math.Max(MostAtOnce, now);
            if (now >= 2) _second.TrySetResult();
            await Task.WhenAny(_second.Task, Task.Delay(TimeSpan.FromSeconds(10)));
            Interlocked.Decrement(ref _inFlight);
            return batch.Select(e => (float)e.Request.Response.Length).ToArray();
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Dynamic_batcher_keeps_as_many_batches_in_flight_as_a_concurrent_model_takes()
    {
        var model = new TwoAtOnceModel();
        await using var batcher = new DynamicBatcher(model, maxBatch: 2, maxDelay: TimeSpan.Zero);
        var requests = Enumerable.Range(1, 8).Select(n => new[] { new ScoringRequest(null, [], new string('x', n)) }).ToList();
        var results = await Task.WhenAll(requests.Select(r => batcher.ScoreAsync(r)));
        for (var i = 0; i < requests.Count; i++) Assert.Equal(requests[i].Select(r => (float)r.Response.Length), results[i]);
        Assert.Equal(2, model.MostAtOnce);
        Assert.Equal(8L, batcher.Totals.Rows);
    }

    [Fact]
    public async Task Serve_as_a_process_prints_its_addresses_serves_a_cli_run_and_stops_on_sigterm()
    {
        var dir = TestPaths.NewTempDirectory();
        using var serve = Cli.Cli.Start(dir, "serve", "--model", "length", "--http-port", "0", "--grpc-port", "0");
        var lines = new List<string>();
        string? grpc = null;
        try
        {
            while (grpc is null && await serve.StandardOutput.ReadLineAsync() is { } line)
            {
                lines.Add(line);
                if (line.StartsWith("gRPC ", StringComparison.Ordinal)) grpc = line[5..];
            }
            Assert.True(grpc is not null && lines.Any(l => l.StartsWith("REST http://127.0.0.1:", StringComparison.Ordinal)), string.Join("\n", lines));
            Assert.StartsWith("grpc://127.0.0.1:", grpc);
            var run = await Cli.Cli.RunProcessAsync(dir, "run", "--model", $"kserve:{grpc}#length", "--suite", "general", "--out", Path.Combine(dir, "out"), "--bootstrap", "10");
            Assert.True(run.ExitCode == 0, run.All);
            using (var kill = Process.Start("kill", ["-TERM", serve.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
            var rest = await serve.StandardOutput.ReadToEndAsync();
            await serve.WaitForExitAsync();
            Assert.True(serve.ExitCode == 0, rest + await serve.StandardError.ReadToEndAsync());
            Assert.Matches(@"stopped: \d{4} requests in \d+ model calls", rest);
        }
        finally
        {
            if (!serve.HasExited) serve.Kill();
        }
    }

    [Fact]
    public async Task Shutdown_lets_a_request_waiting_in_the_batcher_finish()
    {
        await using var model = await ModelRegistry.Default.CreateAsync("length", new ModelOptions(), CancellationToken.None);
        var host = await ServeHost.StartAsync(model, AnyPorts with { MaxDelay = TimeSpan.FromMilliseconds(1500) }, CancellationToken.None);
        await using var remote = await ModelRegistry.Default.CreateAsync($"kserve:{Url(host.GrpcAddress)}#length", new ModelOptions(), CancellationToken.None);
        var batch = KServeTritonTests.Requests().Select(r => new ScoringBatchEntry(r, [])).ToList();
        var inFlight = remote.ScoreAsync(batch, CancellationToken.None); // held up to 1.5 s waiting for company
        await Task.Delay(400);
        var stopping = host.DisposeAsync().AsTask();
        Assert.Equal(await model.ScoreAsync(batch, CancellationToken.None), await inFlight);
        await stopping;
        Assert.Equal((1L, 5L), host.Batcher.Totals);
    }

    [Theory]
    [InlineData("rest")]
    [InlineData("grpc")]
    public async Task A_server_gone_after_preflight_makes_the_model_unavailable_once_the_retries_are_spent(string transport)
    {
        await using var model = await ModelRegistry.Default.CreateAsync("length", new ModelOptions(), CancellationToken.None);
        var host = await ServeHost.StartAsync(model, AnyPorts, CancellationToken.None);
        var url = Url(transport == "grpc" ? host.GrpcAddress : host.RestAddress);
        await using var remote = await ModelRegistry.Default.CreateAsync($"kserve:{url}#length",
            new ModelOptions { Extra = new Dictionary<string, string> { ["timeout"] = "5", ["retry-attempts"] = "2", ["retry-delay-ms"] = "10" } }, CancellationToken.None);
        await host.DisposeAsync();
        var batch = KServeTritonTests.Requests().Select(r => new ScoringBatchEntry(r, [])).ToList();
        var e = await Assert.ThrowsAsync<ModelUnavailableException>(() => remote.ScoreAsync(batch, CancellationToken.None));
        Assert.Contains(url.Split("//")[1], e.Message);
        Assert.Contains("no endpoint could score after 3 attempts", e.Message);
    }

    [Fact]
    public async Task Serve_bad_options_are_exit_3()
    {
        KServeTritonTests.AssertInputError(await Cli.Cli.RunAsync("serve", "--model", "length", "--host", "nowhere", "--http-port", "0", "--grpc-port", "0"), "--host", "not an IP address");
        KServeTritonTests.AssertInputError(await Cli.Cli.RunAsync("serve", "--model", "length", "--max-batch", "0", "--http-port", "0", "--grpc-port", "0"), "--max-batch");
        KServeTritonTests.AssertInputError(await Cli.Cli.RunAsync("serve", "--model", "nope", "--http-port", "0", "--grpc-port", "0"), "--model");
    }
}
