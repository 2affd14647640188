using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RMBench.Core.Errors;
using RMBench.Core.Models;

namespace RMBench.Remote.Serve;

public sealed record ServeOptions
{
    public string Host { get; init; } = "127.0.0.1";
    public int HttpPort { get; init; } = 8000;
    public int GrpcPort { get; init; } = 8001;
    public int MaxBatch { get; init; } = 64;
    public TimeSpan MaxDelay { get; init; } = TimeSpan.Zero;
    /// <summary>How long shutdown waits for in-flight requests.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// `rmbench serve`: Kestrel with REST (HTTP/1.1) on one port and gRPC (HTTP/2 cleartext) on another, over
/// one loaded model and its <see cref="DynamicBatcher"/>. Start binds and returns the addresses (port 0 =
/// any free port); Stop marks the server not ready, lets in-flight requests finish, then drains the batcher.
/// </summary>
public sealed class ServeHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ServeState _state;
    private readonly DynamicBatcher _batcher;
    private readonly ServeOptions _options;

    private ServeHost(WebApplication app, ServeState state, DynamicBatcher batcher, ServeOptions options)
    {
        _app = app;
        _state = state;
        _batcher = batcher;
        _options = options;
    }

    public Uri RestAddress { get; private set; } = null!;
    public Uri GrpcAddress { get; private set; } = null!;
    public DynamicBatcher Batcher => _batcher;
    /// <summary>Triggered by SIGTERM/SIGINT (the host's console lifetime) or <see cref="StopAsync"/>.</summary>
    public CancellationToken Stopping => _app.Lifetime.ApplicationStopping;

    public static async Task<ServeHost> StartAsync(IRewardModel model, ServeOptions options, CancellationToken cancellationToken)
    {
        var address = ParseHost(options.Host);
        foreach (var (port, name) in new[] { (options.HttpPort, "--http-port"), (options.GrpcPort, "--grpc-port") })
            if (port is < 0 or > 65535) throw new InputException(name, $"must be a port number 0-65535 (got {port}; 0 picks a free port)");
        if (options.HttpPort == options.GrpcPort && options.HttpPort != 0) throw new InputException("--grpc-port", "must differ from --http-port");
        if (options.MaxBatch < 1) throw new InputException("--max-batch", $"must be at least 1 (got {options.MaxBatch})");
        if (options.MaxDelay < TimeSpan.Zero) throw new InputException("--max-delay-ms", "must not be negative");

        ListenOptions? restListen = null, grpcListen = null;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = options.ShutdownTimeout);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = 512L * 1024 * 1024;
            kestrel.Listen(address, options.HttpPort, o => { o.Protocols = HttpProtocols.Http1; restListen = o; });
            kestrel.Listen(address, options.GrpcPort, o => { o.Protocols = HttpProtocols.Http2; grpcListen = o; });
        });
        builder.Services.AddGrpc(o =>
        {
            o.MaxReceiveMessageSize = 512 * 1024 * 1024;
            o.MaxSendMessageSize = 512 * 1024 * 1024;
        });
        var batcher = new DynamicBatcher(model, options.MaxBatch, options.MaxDelay);
        var served = new ServedModel(model, batcher);
        var state = new ServeState();
        builder.Services.AddSingleton(served);
        builder.Services.AddSingleton(state);
        var app = builder.Build();
        RestInferenceEndpoints.Map(app, served, state);
        app.MapGrpcService<GrpcInferenceEndpoint>();
        app.Lifetime.ApplicationStopping.Register(() => state.Ready = false);

        var host = new ServeHost(app, state, batcher, options);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException e)
        {
            await batcher.DisposeAsync();
            throw new InputException("--host", $"cannot listen on {options.Host} ports {options.HttpPort}/{options.GrpcPort}: {e.Message}");
        }
        // Kestrel writes the bound endpoint (the real port when 0 was asked for) back into each ListenOptions.
        host.RestAddress = new Uri($"http://{Authority(restListen!.IPEndPoint!)}");
        host.GrpcAddress = new Uri($"grpc://{Authority(grpcListen!.IPEndPoint!)}");
        return host;
    }

    private static string Authority(IPEndPoint endpoint) =>
        endpoint.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{endpoint.Address}]:{endpoint.Port}" : $"{endpoint.Address}:{endpoint.Port}";

    private static IPAddress ParseHost(string host) => host switch
    {
        "localhost" => IPAddress.Loopback,
        _ when IPAddress.TryParse(host, out var ip) => ip,
        _ => throw new InputException("--host", $"'{host}' is not an IP address (use 127.0.0.1, ::1, 0.0.0.0 or localhost)"),
    };

    /// <summary>Waits until SIGTERM/Ctrl+C (the host's lifetime) or the token.</summary>
    public async Task WaitForShutdownAsync(CancellationToken cancellationToken)
    {
        using var registration = cancellationToken.Register(() => _app.Lifetime.StopApplication());
        try { await Task.Delay(Timeout.Infinite, _app.Lifetime.ApplicationStopping); }
        catch (OperationCanceledException) { }
    }

    /// <summary>Not ready from now on; in-flight requests finish (up to the shutdown timeout); then the queued batches.</summary>
    public async Task StopAsync()
    {
        _state.Ready = false;
        using var timeout = new CancellationTokenSource(_options.ShutdownTimeout);
        await _app.StopAsync(timeout.Token);
        await _batcher.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
    }
}
