using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using RMBench.Core.Errors;

namespace RMBench.Onnx;

/// <summary>Where ONNX Runtime runs the graph: `cpu`, `cuda[:N]` or `tensorrt[:N]`.</summary>
public sealed record ExecutionDevice(string Provider, int DeviceId = 0)
{
    public const string CpuProvider = "cpu", CudaProvider = "cuda", TensorRtProvider = "tensorrt";

    public static ExecutionDevice Cpu { get; } = new(CpuProvider);

    public bool IsCpu => Provider == CpuProvider;

    public override string ToString() => IsCpu ? CpuProvider : $"{Provider}:{DeviceId.ToString(CultureInfo.InvariantCulture)}";

    public static ExecutionDevice Parse(string text)
    {
        var (name, id) = text.Split(':', 2) is [var n, var i] ? (n, i) : (text, null);
        name = name.Trim().ToLowerInvariant();
        if (name is not (CpuProvider or CudaProvider or TensorRtProvider) || (name == CpuProvider && id is not null))
            throw new InputException("--device", $"must be cpu, cuda, cuda:N, tensorrt or tensorrt:N (got '{text}')");
        if (id is null) return new ExecutionDevice(name);
        return int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var deviceId)
            ? new ExecutionDevice(name, deviceId)
            : throw new InputException("--device", $"device index must be a non-negative integer (got '{text}')");
    }

    /// <summary>
    /// Appends the provider to the session options. The default build ships the CPU ONNX Runtime, which
    /// has no CUDA or TensorRT provider: that is one clear error, never a silent run on the CPU.
    /// </summary>
    public void Apply(SessionOptions options)
    {
        if (IsCpu) return;
        try
        {
            if (Provider == TensorRtProvider) options.AppendExecutionProvider_Tensorrt(DeviceId);
            options.AppendExecutionProvider_CUDA(DeviceId); // TensorRT hands the nodes it cannot run to CUDA
        }
        catch (Exception e) when (e is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
        {
            throw Unavailable(e.Message);
        }
    }

    private InputException Unavailable(string detail) => new("--device",
        $"'{this}' is not available: ONNX Runtime could not add its {(Provider == CudaProvider ? "CUDA" : "TensorRT")} execution provider ({detail.Trim().TrimEnd('.')}). " +
        "The default build ships the CPU ONNX Runtime: build RMBench with `dotnet build -p:OnnxRuntimeGpu=true` (references " +
        "Microsoft.ML.OnnxRuntime.Gpu.Linux 1.31.0 instead of the CPU package; needs CUDA 13 and cuDNN 9 on the library path, " +
        "and TensorRT 10 for tensorrt), or put the GPU libonnxruntime.so first on LD_LIBRARY_PATH. " +
        "RMBench does not fall back to the CPU; use --device cpu for that.");
}
