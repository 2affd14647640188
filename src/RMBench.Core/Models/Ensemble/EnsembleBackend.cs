using RMBench.Core.Errors;

namespace RMBench.Core.Models.Ensemble;

/// <summary>
/// `ensemble:SPEC,SPEC[,...]`: two or more models (any backends but ensemble) whose scores are combined by
/// --ensemble mean|min|uwo[:LAMBDA], standardised per member over the run's requests unless --ensemble-raw.
/// Members are created through the <see cref="ModelRegistry"/> with the run's options.
/// </summary>
public sealed class EnsembleBackend : IModelBackend
{
    public const string BackendName = "ensemble";
    public const string CombineKey = "ensemble";
    public const string RawKey = "ensemble-raw";

    public string Name => BackendName;
    public string Description => "several models as one: member scores standardised over the run and combined by --ensemble mean|min|uwo[:LAMBDA]";
    public string Usage => "ensemble:SPEC,SPEC[,...]";
    public bool RequiresArgument => true;

    public async Task<IRewardModel> CreateAsync(string? argument, ModelOptions options, CancellationToken cancellationToken)
    {
        var specs = (argument ?? "").Split(',', StringSplitOptions.TrimEntries);
        if (specs.Length < 2 || specs.Any(s => s.Length == 0))
            throw new InputException("--model", $"an ensemble needs two or more member SPECs separated by commas: {Usage} (got '{argument}')");
        var combine = EnsembleCombine.Parse(options.Extra.GetValueOrDefault(CombineKey));
        var standardise = !options.Extra.ContainsKey(RawKey);
        var registry = ModelRegistry.Default;
        var problems = new List<InputProblem>();
        foreach (var spec in specs)
        {
            try
            {
                if (registry.Resolve(spec).Backend.Name == BackendName) problems.Add(new InputProblem("--model", $"an ensemble member cannot be an ensemble ('{spec}')"));
            }
            catch (InputException e) { problems.AddRange(e.Problems); }
        }
        if (problems.Count > 0) throw new InputException(problems);
        var members = new List<IRewardModel>();
        try
        {
            foreach (var spec in specs) members.Add(await registry.CreateAsync(spec, options, cancellationToken));
            return new EnsembleModel(specs, members, combine, standardise);
        }
        catch
        {
            foreach (var member in members) await member.DisposeAsync();
            throw;
        }
    }
}
