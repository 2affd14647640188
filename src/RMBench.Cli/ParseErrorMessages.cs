using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using RMBench.Core.Text;

namespace RMBench.Cli;

/// <summary>
/// Parser errors in the CLI's words: a value of the wrong type says what the option expects ("--batch-size
/// expects a whole number, got 'abc'", not a .NET type name), and an unknown option or command gets a
/// "did you mean" from the options and commands that exist where it was typed.
/// </summary>
public static class ParseErrorMessages
{
    public static IReadOnlyList<string> Describe(ParseResult parse)
    {
        var messages = new List<string>();
        var unmatched = parse.UnmatchedTokens;
        foreach (var error in parse.Errors)
        {
            if (unmatched.Any(token => error.Message.Contains($"'{token}'", StringComparison.Ordinal))) continue; // described below
            // `rmbench rn`: the unknown command is the problem, not the missing one.
            if (unmatched.Count > 0 && error.SymbolResult is CommandResult { Command: RootCommand }) continue;
            messages.Add(WrongType(error) ?? error.Message);
        }
        messages.AddRange(Unmatched(parse));
        return messages.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>"--x expects a whole number, got 'abc'" for a value that does not convert to the option's type.</summary>
    private static string? WrongType(ParseError error)
    {
        var option = error.SymbolResult switch
        {
            OptionResult o => o,
            ArgumentResult { Parent: OptionResult o } => o,
            _ => null,
        };
        if (option is null || Expected(option.Option.ValueType) is not { } expected) return null;
        var bad = option.Tokens.Select(t => t.Value).FirstOrDefault(v => !Converts(v, option.Option.ValueType));
        return bad is null ? null : $"{option.Option.Name} expects {expected}, got '{bad}'";
    }

    private static Type Element(Type type)
    {
        if (type.IsArray) type = type.GetElementType()!;
        return Nullable.GetUnderlyingType(type) ?? type;
    }

    private static string? Expected(Type type) => Element(type) switch
    {
        var t when t == typeof(int) || t == typeof(long) => "a whole number",
        var t when t == typeof(double) || t == typeof(float) || t == typeof(decimal) => "a number",
        var t when t == typeof(bool) => "true or false",
        _ => null,
    };

    private static bool Converts(string value, Type type) => Element(type) switch
    {
        var t when t == typeof(int) => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
        var t when t == typeof(long) => long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
        var t when t == typeof(double) || t == typeof(float) || t == typeof(decimal) =>
            double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
        var t when t == typeof(bool) => bool.TryParse(value, out _),
        _ => true,
    };

    /// <summary>Unknown options (with a suggestion) and unexpected arguments; the value right after an unknown option is its own, not another problem.</summary>
    private static IEnumerable<string> Unmatched(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        var where = command is RootCommand ? "rmbench" : $"rmbench {command.Name}";
        var options = OptionNames(parse.CommandResult).ToList();
        var afterUnknownOption = false;
        foreach (var token in parse.UnmatchedTokens)
        {
            if (token.StartsWith('-'))
            {
                var name = token.Split('=', 2)[0];
                var closest = Suggest.Closest(name, options);
                yield return $"unknown option '{name}' for '{where}'" + (closest is null ? "" : $"; did you mean '{closest}'?");
                afterUnknownOption = !token.Contains('=');
                continue;
            }
            if (afterUnknownOption)
            {
                afterUnknownOption = false;
                continue;
            }
            if (command is RootCommand)
            {
                var closest = Suggest.Closest(token, command.Subcommands.Select(c => c.Name));
                yield return $"unknown command '{token}'" + (closest is null ? "" : $"; did you mean '{closest}'?") +
                             $" (commands: {string.Join(", ", command.Subcommands.Select(c => c.Name))})";
            }
            else yield return $"unexpected argument '{token}' for '{where}'";
        }
    }

    /// <summary>Names and aliases of the options valid at the command: its own and the recursive ones of its parents.</summary>
    private static IEnumerable<string> OptionNames(CommandResult result)
    {
        for (SymbolResult? at = result; at is not null; at = at.Parent)
            if (at is CommandResult c)
                foreach (var option in c.Command.Options)
                    if (ReferenceEquals(c, result) || option.Recursive)
                        foreach (var name in option.Aliases.Prepend(option.Name))
                            if (name.StartsWith("--", StringComparison.Ordinal)) yield return name;
    }
}
