using RMBench.Core.Errors;

namespace RMBench.Core.Data;

/// <summary>
/// Collects the problems found in one input file. Keeps the first <see cref="Limit"/> and counts the
/// rest, so that a file with a null in every row gives a readable report rather than a million lines.
/// </summary>
internal sealed class ProblemList(string source)
{
    public const int Limit = 100;

    private readonly List<InputProblem> _problems = [];
    private int _notShown;

    public string Source { get; } = source;
    public bool Any => _problems.Count > 0;

    public void Add(string message, long? row = null, string? column = null)
    {
        if (_problems.Count < Limit) _problems.Add(new InputProblem(Source, message, row, column));
        else _notShown++;
    }

    public IReadOnlyList<InputProblem> ToList() => _notShown == 0
        ? [.. _problems]
        : [.. _problems, new InputProblem(Source, $"{_notShown} more problem(s) not shown")];

    public void ThrowIfAny()
    {
        if (Any) throw new InputException(ToList());
    }
}
