namespace RMBench.Core.Errors;

/// <summary>One problem with user input: a file, and where known the row (0-based) and column.</summary>
/// <param name="ColumnNoun">What <see cref="Column"/> is called: "column" (tables) or "field" (keys of JSON records).</param>
public sealed record InputProblem(string Source, string Message, long? Row = null, string? Column = null, string ColumnNoun = "column")
{
    public override string ToString()
    {
        var where = Source;
        if (Row is not null) where += $", row {Row}";
        if (Column is not null) where += $", {ColumnNoun} '{Column}'";
        return $"{where}: {Message}";
    }
}

/// <summary>
/// Invalid input (exit code 3). Carries every problem found, not just the first, so that a user fixes
/// a file in one pass. The CLI prints the problems without a stack trace.
/// </summary>
public sealed class InputException : Exception
{
    public InputException(IReadOnlyList<InputProblem> problems)
        : base(string.Join(Environment.NewLine, problems.Select(p => p.ToString())))
    {
        Problems = problems;
    }

    public InputException(string source, string message, long? row = null, string? column = null)
        : this([new InputProblem(source, message, row, column)]) { }

    public IReadOnlyList<InputProblem> Problems { get; }
}

/// <summary>The documented exit codes of the CLI.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int GateFail = 1;
    public const int GateInconclusive = 2;
    public const int InvalidInput = 3;
    public const int RuntimeError = 4;
}
