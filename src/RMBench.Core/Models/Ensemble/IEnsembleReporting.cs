using RMBench.Core.Results;

namespace RMBench.Core.Models.Ensemble;

/// <summary>A model made of members that says which, and how they agreed (recorded in run.json's <c>ensemble</c>).</summary>
public interface IEnsembleReporting
{
    EnsembleReport? Report { get; }
}
