using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace EssenceOfPose.Cli;

/// <summary>
/// The range of every numeric option of every verb, in one table, checked while the command line
/// is parsed: `--batch 0` is refused as "--batch 0: expected a whole number from 1 to 65536" before
/// any data loads, instead of a division by zero minutes later. Options are matched by name, so a
/// verb that adds an option of a listed name gets its check without touching this file; a numeric
/// option missing from the table is still refused when it is not finite.
/// </summary>
internal static class OptionRanges
{
    sealed record Range(double Min, double Max, bool MinExclusive = false)
    {
        public string Expectation(bool whole) => whole
            ? $"a whole number from {N(Min)} to {N(Max)}"
            : MinExclusive ? $"a finite number above {N(Min)}, at most {N(Max)}" : $"a finite number from {N(Min)} to {N(Max)}";

        public bool Contains(double v) => double.IsFinite(v) && (MinExclusive ? v > Min : v >= Min) && v <= Max;

        static string N(double v) => v.ToString(Math.Abs(v) < 1e16 && v == Math.Floor(v) ? "0" : "G", CultureInfo.InvariantCulture);
    }

    static readonly Dictionary<string, Range> Table = new(StringComparer.Ordinal)
    {
        ["--batch"] = new(1, 65536),
        ["--epochs"] = new(1, 1_000_000),
        ["--steps"] = new(1, 10_000_000),
        ["--iterations"] = new(1, 10_000_000),
        ["--octaves"] = new(1, 16),
        ["--step-size"] = new(1, int.MaxValue),
        ["--checkpoint-every"] = new(1, int.MaxValue),
        ["--threads"] = new(1, 1024),
        ["--count"] = new(1, 100_000),
        ["--images"] = new(1, 100_000),
        ["--repeats"] = new(1, 10_000),
        ["--targets"] = new(1, 10_000_000),
        ["--size"] = new(8, 4096),
        ["--seed"] = new(0, 1e18),
        ["--lr"] = new(0, 1e6, MinExclusive: true),
        ["--pose-weight"] = new(0, 1e6),
        ["--lambda-img"] = new(0, 1e12),
        ["--lambda-feat"] = new(0, 1e12),
        ["--lambda-adv"] = new(0, 1e12),
        ["--d-weight-decay"] = new(0, 1e6),
        ["--split-cell"] = new(0, 1e7, MinExclusive: true),
        ["--weight"] = new(0, 1e12),
        ["--leak"] = new(0, 1),
        ["--timeout"] = new(0, 7 * 24 * 3600, MinExclusive: true),
        ["--max-image-side"] = new(1, int.MaxValue),
        ["--max-image-pixels"] = new(1, 1e15),
    };

    /// <summary>
    /// A parse error in the suite's words: System.CommandLine's "Cannot parse argument 'x' for option
    /// '--batch' as expected type 'System.Nullable`1[System.Int32]'." becomes "--batch x: expected a
    /// whole number"; other messages pass unchanged.
    /// </summary>
    public static string Friendly(string message)
    {
        var m = System.Text.RegularExpressions.Regex.Match(message, @"^Cannot parse argument '(?<value>.*)' for option '(?<option>[^']+)' as expected type '(?<type>[^']+)'");
        if (!m.Success) return message;
        var type = m.Groups["type"].Value;
        var what = type.Contains("Int") ? "a whole number" : type.Contains("Double") || type.Contains("Single") ? "a number" : type.Contains("Boolean") ? "true or false" : $"a value of type {type}";
        if (Table.TryGetValue(m.Groups["option"].Value, out var range)) what = range.Expectation(type.Contains("Int"));
        return $"{m.Groups["option"].Value} {m.Groups["value"].Value}: expected {what}";
    }

    /// <summary>Adds the range check to every numeric option of <paramref name="command"/> and its sub-commands.</summary>
    public static void Apply(Command command)
    {
        foreach (var option in command.Options) Apply(option);
        foreach (var sub in command.Subcommands) Apply(sub);
    }

    static void Apply(Option option)
    {
        var type = Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType;
        var whole = type == typeof(int) || type == typeof(long) || type == typeof(ulong);
        if (!whole && type != typeof(double)) return;
        Table.TryGetValue(option.Name, out var range);
        range ??= whole ? null : new Range(double.MinValue, double.MaxValue);
        if (range is null) return;
        option.Validators.Add(result =>
        {
            if (result.Implicit || result.Tokens.Count == 0) return;
            var value = Value(result, type);
            if (value is { } v && !range.Contains(v))
                result.AddError($"{option.Name} {result.Tokens[^1].Value}: expected {range.Expectation(whole)}");
        });
    }

    static double? Value(OptionResult result, Type type)
    {
        try
        {
            return result.Option.ValueType switch
            {
                var t when t == typeof(int) => result.GetValueOrDefault<int>(),
                var t when t == typeof(int?) => result.GetValueOrDefault<int?>(),
                var t when t == typeof(long) => result.GetValueOrDefault<long>(),
                var t when t == typeof(long?) => result.GetValueOrDefault<long?>(),
                var t when t == typeof(ulong) => result.GetValueOrDefault<ulong>(),
                var t when t == typeof(ulong?) => result.GetValueOrDefault<ulong?>(),
                var t when t == typeof(double) => result.GetValueOrDefault<double>(),
                _ => result.GetValueOrDefault<double?>(),
            };
        }
        catch (InvalidOperationException)
        {
            return null; // the token is not a number at all: the parser reports that itself
        }
    }
}
