using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RMBench.Cli;
using RMBench.Core.Data;

// Scale-out measurement: N TEI-shaped servers on 127.0.0.1 that answer every batch after a fixed time (a server whose
// latency per batch does not grow with load, as with continuous batching), then `rmbench bench --scenario offline` at --concurrency 1 and --concurrency C over all
// of them, R repetitions each; prints the median pairs/s and the ratio.
// Usage: dotnet run --project tools/RMBench.RemoteScaling -c Release -- [replicas=4] [concurrency=8] [batch-ms=50] [repetitions=5]
var replicas = Arg(0, 4);
var concurrency = Arg(1, 8);
var batchMs = Arg(2, 50);
var repetitions = Arg(3, 5);

var servers = new List<WebApplication>();
var urls = new List<string>();
for (var i = 0; i < replicas; i++)
{
    var (app, url) = await StartServerAsync(TimeSpan.FromMilliseconds(batchMs));
    servers.Add(app);
    urls.Add(url);
}
var dir = Path.Combine(Path.GetTempPath(), "rmbench-remote-scaling-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(dir);
var data = Path.Combine(dir, "pairs.parquet");
await ParquetDatasetWriter.WriteAsync(data, "pairwise", Enumerable.Range(0, 256).Select(i => new CanonicalRow
{
    Id = $"pair-{i:D4}",
    Subset = "all",
    Prompt = $"Question {i}?",
    Chosen = [$"A longer answer {i} " + new string('x', i % 17)],
    Rejected = [$"Short {i}."],
}).ToList());

var one = new List<double>();
var many = new List<double>();
for (var r = 0; r < repetitions; r++)
{
    one.Add(await BenchAsync(1));
    many.Add(await BenchAsync(concurrency));
}
double Median(List<double> v) => v.Order().ElementAt(v.Count / 2);
var (m1, mc) = (Median(one), Median(many));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{replicas} replicas, {batchMs} ms per batch, batch-size 8, median of {repetitions}:"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  --concurrency 1: {m1:0.0} pairs/s  (runs: {string.Join(", ", one.Select(v => v.ToString("0.0", CultureInfo.InvariantCulture)))})"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  --concurrency {concurrency}: {mc:0.0} pairs/s  (runs: {string.Join(", ", many.Select(v => v.ToString("0.0", CultureInfo.InvariantCulture)))})"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  speed-up {mc / m1:0.00}x"));
foreach (var app in servers) await app.StopAsync();
return 0;

async Task<double> BenchAsync(int c)
{
    var output = Path.Combine(dir, $"bench-{c}-{Guid.NewGuid():N}");
    List<string> args = ["bench", "--model", "tei:" + urls[0], "--suite", data, "--scenario", "offline", "--duration", "3", "--warmup", "0.5",
        "--batch-size", "8", "--concurrency", c.ToString(CultureInfo.InvariantCulture), "--out", output];
    foreach (var url in urls.Skip(1)) args.AddRange(["--endpoint", url]);
    var (stdout, stderr) = (new StringWriter(), new StringWriter());
    var exit = await RMBench.Cli.Program.RunAsync([.. args], new CliContext(stdout, stderr, Interactive: false, CancellationToken.None));
    if (exit != 0) throw new InvalidOperationException($"bench failed ({exit}): {stderr}");
    using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "bench.json")));
    return json.RootElement.GetProperty("pairs_per_second").GetDouble();
}

// A TEI-shaped server (GET /info, POST /predict) answering each batch after batchTime.
static async Task<(WebApplication, string)> StartServerAsync(TimeSpan batchTime)
{
    var builder = WebApplication.CreateSlimBuilder();
    builder.Logging.ClearProviders();
    builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
    var app = builder.Build();
    app.MapGet("/info", () => Results.Json(new { model_id = "bench/length-rm", model_sha = "0000", version = "1.7.0" }));
    app.MapPost("/predict", async (HttpContext context) =>
    {
        var body = JsonNode.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync())!;
        var inputs = body["inputs"]!.AsArray();
        await Task.Delay(batchTime);
        await context.Response.WriteAsJsonAsync(inputs.Select(p => new[] { new { score = (float)p!.AsArray()[1]!.GetValue<string>().Length, label = "LABEL_0" } }));
    });
    await app.StartAsync();
    return (app, app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
}

int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;
