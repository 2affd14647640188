using RMBench.Core.Requests;

namespace RMBench.Core.Data;

/// <summary>
/// Applies a column's rules to one decoded cell and returns its final value: nulls in required
/// columns, null list items, list lengths (MinItems, ExactItems), conversation turns and roles.
/// </summary>
internal static class CellRules
{
    private static readonly string[] Roles = ["user", "assistant"];

    public static object? Check(ColumnSpec spec, object? cell, long row, ProblemList problems)
    {
        if (cell is null)
        {
            if (spec.Required) problems.Add("is null; this column requires a value", row, spec.Name);
            return null;
        }
        return spec.Type switch
        {
            ColumnType.StringList => StringList(spec, (object?[])cell, row, problems),
            ColumnType.DoubleList => DoubleList(spec, (object?[])cell, row, problems),
            ColumnType.Conversation => Conversation(spec, (object?[])cell, row, problems),
            ColumnType.Image => Image(spec, (byte[])cell, row, problems),
            _ => cell,
        };
    }

    private static IReadOnlyList<string> StringList(ColumnSpec spec, object?[] items, long row, ProblemList problems)
    {
        CheckCount(spec, items.Length, row, problems);
        var strings = new string[items.Length];
        for (var k = 0; k < items.Length; k++)
        {
            if (items[k] is string text) strings[k] = text;
            else problems.Add($"list item {k} is null", row, spec.Name);
        }
        return strings;
    }

    private static IReadOnlyList<double> DoubleList(ColumnSpec spec, object?[] items, long row, ProblemList problems)
    {
        CheckCount(spec, items.Length, row, problems);
        var values = new double[items.Length];
        for (var k = 0; k < items.Length; k++)
        {
            if (items[k] is double value && double.IsFinite(value)) values[k] = value;
            else problems.Add(items[k] is null ? $"list item {k} is null" : $"list item {k} is not a finite number", row, spec.Name);
        }
        return values;
    }

    private static byte[] Image(ColumnSpec spec, byte[] bytes, long row, ProblemList problems)
    {
        if (ImageCheck.FindProblem(bytes) is { } problem) problems.Add($"is not a decodable image: {problem}", row, spec.Name);
        return bytes;
    }

    private static IReadOnlyList<Turn> Conversation(ColumnSpec spec, object?[] items, long row, ProblemList problems)
    {
        CheckCount(spec, items.Length, row, problems);
        var turns = new Turn[items.Length];
        for (var k = 0; k < items.Length; k++)
        {
            var cell = items[k] as TurnCell;
            var problem = TurnProblem(cell, k);
            if (problem is null) turns[k] = new Turn(cell!.Role!, cell.Content!);
            else problems.Add(problem, row, spec.Name);
        }
        return turns;
    }

    private static string? TurnProblem(TurnCell? turn, int k) => turn switch
    {
        null => $"turn {k} is null",
        { Role: null } => $"turn {k} has a null role",
        { Content: null } => $"turn {k} has null content",
        { Role: var role } when !Roles.Contains(role) => $"turn {k} has role '{role}'; expected 'user' or 'assistant'",
        _ => null,
    };

    private static void CheckCount(ColumnSpec spec, int count, long row, ProblemList problems)
    {
        if (spec.ExactItems is { } exact && count != exact)
            problems.Add($"list has {count} item(s); exactly {exact} required", row, spec.Name);
        else if (spec.MinItems is { } min && count < min)
            problems.Add(count == 0 ? $"list is empty; at least {min} item(s) required" : $"list has {count} item(s); at least {min} required",
                row, spec.Name);
    }
}
