namespace RMBench.Core.Models;

/// <summary>
/// The model cannot score now and retrying will not help within this run (every endpoint down past its retry
/// budget). The runner stops scoring, keeps everything journaled so far and ends the run partial (exit 4);
/// the same command resumes it. The message names the model or endpoints and the last error, never credentials.
/// </summary>
public sealed class ModelUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
