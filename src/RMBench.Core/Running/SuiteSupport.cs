using System.Globalization;
using RMBench.Core.Models;
using RMBench.Core.Results;
using RMBench.Core.Suites;

namespace RMBench.Core.Running;

/// <summary>
/// Which items a model can score, from its capabilities: an item whose requests carry images needs
/// <see cref="ModelCapabilities.Images"/>, an item rewritten into comparisons for a pairwise judge needs
/// <see cref="ModelCapabilities.Comparisons"/>, any other item needs <see cref="ModelCapabilities.Text"/>.
/// Items a model cannot take are left out of the run (never scored, never given a fake outcome) and
/// counted; a suite left with no item is reported as unsupported by the model.
/// </summary>
public static class SuiteSupport
{
    public static ModelCapabilities Needs(SuiteItem item) =>
        item.Attributes.ContainsKey(ComparisonScoring.Marker) ? ModelCapabilities.Comparisons
        : item.Requests.Any(r => r.Request.Images.Count > 0) ? ModelCapabilities.Images : ModelCapabilities.Text;

    /// <summary>Records the left-out items on a suite's result; with none scored the suite is unsupported.</summary>
    /// <param name="missing">What the left-out items need that the model does not take.</param>
    public static SuiteResult Annotate(SuiteResult result, int items, int unsupported, IEnumerable<ModelCapabilities> missing, ModelInfo model)
    {
        if (unsupported == 0) return result;
        var note = Note(items, unsupported, missing, model);
        return result with
        {
            Status = result.Counts.Items == 0 ? SuiteStatus.Unsupported : result.Status,
            StatusNote = note,
            Counts = result.Counts with { Unsupported = unsupported },
        };
    }

    /// <summary>Whether the model can take the item (see the class comment).</summary>
    public static bool Takes(ModelInfo model, SuiteItem item) => model.Capabilities.HasFlag(Needs(item));

    /// <summary>"3 of 10 items need images, which model 'm' does not take (takes text)": why items were left out.</summary>
    public static string Note(int items, int unsupported, IEnumerable<ModelCapabilities> missing, ModelInfo model)
    {
        var needs = missing.Distinct().Order().Select(n => n.ToString().ToLowerInvariant());
        return string.Create(CultureInfo.InvariantCulture,
            $"{unsupported} of {items} items need {string.Join(" and ", needs)}, which model '{model.Id}' does not take ({Describe(model.Capabilities)})");
    }

    private static string Describe(ModelCapabilities capabilities) =>
        "takes " + string.Join(", ", Enum.GetValues<ModelCapabilities>().Where(c => capabilities.HasFlag(c)).Select(c => c.ToString().ToLowerInvariant()));
}
