using System.CommandLine;

namespace EssenceOfPose.Cli.Tests;

/// <summary>The range table applied to every verb: a bad number is refused while parsing, in one line naming the option.</summary>
public class OptionRangesTests
{
    static IReadOnlyList<string> Errors(params string[] args)
    {
        var root = new RootCommand();
        foreach (var c in CommandCatalog.All()) root.Subcommands.Add(c);
        OptionRanges.Apply(root);
        return [.. root.Parse(args).Errors.Select(e => OptionRanges.Friendly(e.Message))];
    }

    [Theory]
    [InlineData("--batch", "0", "--batch 0: expected a whole number from 1 to 65536")]
    [InlineData("--epochs", "0", "--epochs 0: expected a whole number from 1 to 1000000")]
    [InlineData("--lr", "NaN", "--lr NaN: expected a finite number above 0, at most 1000000")]
    [InlineData("--pose-weight", "-1", "--pose-weight -1: expected a finite number from 0 to 1000000")]
    [InlineData("--threads", "0", "--threads 0: expected a whole number from 1 to 1024")]
    [InlineData("--batch", "1e9", "--batch 1e9: expected a whole number from 1 to 65536")]
    public void Train_options_out_of_range_are_refused_naming_the_option(string option, string value, string message)
    {
        Assert.Equal([message], Errors("train", "posenet", "--data", "d", "--out", "o.safetensors", option, value));
    }

    [Fact]
    public void Values_in_range_and_options_left_out_pass()
    {
        Assert.Empty(Errors("train", "posenet", "--data", "d", "--out", "o.safetensors", "--batch", "1", "--lr", "0.01", "--epochs", "3"));
        Assert.Empty(Errors("train", "posenet", "--data", "d", "--out", "o.safetensors"));
    }

    [Fact]
    public void Every_numeric_option_of_every_verb_refuses_a_non_finite_number()
    {
        var root = new RootCommand();
        foreach (var c in CommandCatalog.All()) root.Subcommands.Add(c);
        OptionRanges.Apply(root);
        static IEnumerable<Option> All(Command c) => c.Options.Concat(c.Subcommands.SelectMany(All));
        var doubles = All(root).Where(o => (Nullable.GetUnderlyingType(o.ValueType) ?? o.ValueType) == typeof(double)).ToList();
        Assert.NotEmpty(doubles);
        Assert.All(doubles, o => Assert.NotEmpty(o.Validators));
    }
}
