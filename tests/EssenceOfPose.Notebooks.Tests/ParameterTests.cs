namespace EssenceOfPose.Notebooks.Tests;

public sealed class ParameterTests : IDisposable
{
    private readonly Workspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public void Assignments_parse_into_names_and_raw_values_later_ones_winning()
    {
        var values = NotebookParameters.Parse(["Steps=20", "Name=a=b", "Steps=30", "Empty="]);
        Assert.Equal([new("Steps", "30"), new("Name", "a=b"), new("Empty", "")], values);
    }

    [Theory]
    [InlineData("Steps")]
    [InlineData("2x=1")]
    [InlineData("class=1")]
    [InlineData("=1")]
    public void A_malformed_assignment_is_refused(string assignment) =>
        Assert.Throws<FormatException>(() => NotebookParameters.Parse([assignment]));

    [Theory]
    [InlineData("20", null, "20")]
    [InlineData("-3", null, "-3")]
    [InlineData("12345678901", null, "12345678901L")]
    [InlineData("2.5", null, "2.5")]
    [InlineData("1e-3", null, "1e-3")]
    [InlineData("True", null, "true")]
    [InlineData("hello", null, "\"hello\"")]
    [InlineData("say \"hi\"", null, "\"say \\\"hi\\\"\"")]
    [InlineData("NaN", null, "\"NaN\"")]
    [InlineData("5", typeof(double), "5d")]
    [InlineData("0.1", typeof(float), "0.1f")]
    [InlineData("0.1", typeof(decimal), "0.1m")]
    [InlineData("5", typeof(string), "\"5\"")]
    [InlineData("false", typeof(bool), "false")]
    [InlineData("7", typeof(long?), "7")]
    public void A_value_is_written_as_the_literal_of_its_type(string value, Type? declared, string literal) =>
        Assert.Equal(literal, NotebookParameters.Literal(value, declared));

    [Fact]
    public async Task Injected_values_follow_the_parameters_cell_typed_as_declared_and_a_stale_injected_cell_goes()
    {
        var path = _workspace.Write(new TestNotebook()
            .Code("var Profile = \"stale\";", "csharp", NotebookParameters.InjectedTag)                         // dropped
            .Markdown("# Parameters")                                                                            // 1
            .Parameters("var Profile = \"quick\";\nvar Steps = 300;\ndouble Rate = 0.5;\nvar Name = \"a\";\nlong? Big = null;") // 2, injected 3
            .Code("$\"{Profile} {Steps} {Steps / 7} {Rate} {Rate.GetType().Name} {Name} {Flag} {Big} {Quote}\""));     // 4
        var options = _workspace.Options() with
        {
            Profile = "full",
            Parameters = NotebookParameters.Parse(["Steps=20", "Rate=2", "Name=xyz", "Flag=true", "Big=7", "Quote=say \"hi\""]),
        };

        var summary = await _workspace.RunAsync(options, path);

        Assert.True(summary.Notebooks[0].Status == NotebookStatus.Ok, summary.Notebooks[0].Message);
        var notebook = _workspace.Executed();
        Assert.Equal(4, notebook["cells"]!.AsArray().Count);
        var injected = notebook.Cell(3);
        Assert.Equal([NotebookParameters.InjectedTag], injected["metadata"]!["tags"]!.AsArray().Select(t => (string?)t));
        var source = Executed.Text(injected["source"]);
        Assert.Contains("Profile = \"full\";", source);
        Assert.Contains("Steps = 20;", source);
        Assert.Contains("Rate = 2d;", source);
        Assert.Contains("var Flag = true;", source);
        Assert.DoesNotContain("stale", Executed.Text(notebook.Cell(1)["source"]));
        Assert.Equal("full 20 2 2 Double xyz True 7 say \"hi\"", notebook.Outputs(4).Single().Shown());
    }

    [Fact]
    public async Task An_unknown_profile_is_refused_before_anything_runs()
    {
        var path = _workspace.Write(new TestNotebook().Code("1"));
        await Assert.ThrowsAsync<ArgumentException>(() => _workspace.RunAsync(_workspace.Options() with { Profile = "medium" }, path));
        Assert.False(Directory.Exists(_workspace.OutputFolder));
    }
}
