using System.CommandLine;
using System.Globalization;
using RMBench.Core.Errors;
using RMBench.Core.Models;
using RMBench.Remote.Serve;

namespace RMBench.Cli.Commands;

/// <summary>`rmbench serve`: a KServe v2 server (REST + gRPC) over one model; the logic lives in RMBench.Remote/Serve.</summary>
public static class ServeCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Option<string>("--model", "-m") { Description = "Model SPEC to serve (any SPEC `rmbench models` lists).", Required = true };
        var host = new Option<string>("--host") { Description = "Address to listen on (default loopback; 0.0.0.0 exposes it to the network).", DefaultValueFactory = _ => "127.0.0.1" };
        var httpPort = new Option<int>("--http-port") { Description = "REST (HTTP/1.1) port; 0 picks a free one.", DefaultValueFactory = _ => 8000 };
        var grpcPort = new Option<int>("--grpc-port") { Description = "gRPC (HTTP/2 cleartext) port; 0 picks a free one.", DefaultValueFactory = _ => 8001 };
        var maxBatch = new Option<int>("--max-batch") { Description = "Most rows the dynamic batcher merges into one model call.", DefaultValueFactory = _ => 64 };
        var maxDelay = new Option<double>("--max-delay-ms") { Description = "How long the batcher waits for more requests before scoring a batch that is not full (0: only what is queued).", DefaultValueFactory = _ => 0 };
        var maxLength = new Option<int?>("--max-length") { Description = "Token limit for tokenizing backends." };
        var device = new Option<string?>("--device") { Description = "onnx: execution provider cpu (default), cuda[:N] or tensorrt[:N]." };
        var label = new Option<string?>("--label") { Description = "onnx: logits column to score (multi-label heads)." };
        var chatTemplate = new Option<string?>("--chat-template") { Description = "onnx: chat template NAME or Scriban FILE." };
        var threads = new Option<int?>("--threads") { Description = "onnx: one batch at a time on this many ONNX Runtime intra-op threads (default on the CPU: one batch per physical core at once)." };
        var command = new Command("serve", "Serve a model as a KServe v2 / Open Inference Protocol server (REST and gRPC) until SIGTERM or Ctrl+C.")
        {
            model, host, httpPort, grpcPort, maxBatch, maxDelay, maxLength, device, label, chatTemplate, threads,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var extra = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var option in new[] { device, label, chatTemplate })
                if (parse.GetValue(option) is { } value) extra[option.Name.TrimStart('-')] = value;
            if (parse.GetValue(threads) is { } t) extra["threads"] = t.ToString(CultureInfo.InvariantCulture);
            var options = new ServeOptions
            {
                Host = parse.GetValue(host)!,
                HttpPort = parse.GetValue(httpPort),
                GrpcPort = parse.GetValue(grpcPort),
                MaxBatch = parse.GetValue(maxBatch),
                MaxDelay = parse.GetValue(maxDelay) is var ms && ms >= 0 ? TimeSpan.FromMilliseconds(ms) : throw new InputException("--max-delay-ms", $"must not be negative (got {ms})"),
            };
            var modelOptions = new ModelOptions { MaxLength = parse.GetValue(maxLength), Extra = extra };
            return await ExecuteAsync(context, parse.GetValue(model)!, options, modelOptions, cancellationToken);
        });
        return command;
    }

    public static async Task<int> ExecuteAsync(CliContext context, string spec, ServeOptions options, ModelOptions modelOptions, CancellationToken cancellationToken)
    {
        await using var model = await ModelRegistry.Default.CreateAsync(spec, modelOptions, cancellationToken);
        var host = await ServeHost.StartAsync(model, options, cancellationToken);
        try
        {
            // Tests and scripts read these lines to find the ports (port 0 binds a free one).
            await context.Out.WriteLineAsync($"serving model '{model.Info.Id}' ({model.Info.Backend}) as KServe v2; max batch {options.MaxBatch}, max delay {options.MaxDelay.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms");
            await context.Out.WriteLineAsync($"REST {host.RestAddress.ToString().TrimEnd('/')}");
            await context.Out.WriteLineAsync($"gRPC {host.GrpcAddress.ToString().TrimEnd('/')}");
            await context.Out.WriteLineAsync("stop with Ctrl+C or SIGTERM (in-flight requests finish)");
            await context.Out.FlushAsync(cancellationToken);
            await host.WaitForShutdownAsync(cancellationToken);
        }
        finally
        {
            await host.DisposeAsync();
        }
        var (batches, rows) = host.Batcher.Totals;
        await context.Out.WriteLineAsync($"stopped: {rows} requests in {batches} model calls");
        return ExitCodes.Ok;
    }
}
