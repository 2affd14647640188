using RMBench.Core.Suites;

namespace RMBench.Core.Models.Ensemble;

/// <summary>
/// A model whose scores depend on the run's whole set of requests (an ensemble standardising its members over
/// them). The runner calls <see cref="PrepareAsync"/> once before the first suite; a problem with the suites
/// (a member that cannot take one) is an <see cref="Errors.InputException"/>, thrown before the run folder exists.
/// </summary>
public interface IRunPreparedModel
{
    Task PrepareAsync(IReadOnlyList<LoadedSuite> suites, int batchSize, CancellationToken cancellationToken);
}
