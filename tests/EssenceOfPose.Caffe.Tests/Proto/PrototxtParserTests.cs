namespace EssenceOfPose.Caffe.Tests;

public class PrototxtParserTests
{
    static TextMessage Parse(string text) => PrototxtParser.Parse(text, "test.prototxt");

    static TextScalar Scalar(TextMessage m, string name) => Assert.IsType<TextScalar>(Assert.Single(m.All(name)).Value);

    static CaffeFormatException Fails(string text) => Assert.Throws<CaffeFormatException>(() => Parse(text));

    [Fact]
    public void Comments_nesting_and_both_message_spellings_give_one_ordered_tree()
    {
        var m = Parse("""
            # a comment line
            name: "net"   # trailing comment
            layer {
              name: "a"
              inner: { x: 1 }
              angle < y: 2 >
              angle2: < y: 3 >
            }
            layer { name: "b" }
            """);
        Assert.Equal(["name", "layer", "layer"], m.Fields.Select(f => f.Name));
        var layers = m.All("layer").Select(f => Assert.IsType<TextMessage>(f.Value)).ToList();
        Assert.Equal("a", Scalar(layers[0], "name").Text);
        Assert.Equal("b", Scalar(layers[1], "name").Text);
        Assert.Equal(["name", "inner", "angle", "angle2"], layers[0].Fields.Select(f => f.Name));
        var inner = Assert.IsType<TextMessage>(layers[0].Fields[1].Value);
        Assert.Equal("1", Scalar(inner, "x").Text);
        Assert.Equal("3", Scalar(Assert.IsType<TextMessage>(layers[0].Fields[3].Value), "y").Text);
    }

    [Fact]
    public void Repeated_fields_stay_separate_entries_in_order_including_list_syntax()
    {
        var m = Parse("dim: 1 dim: 3; dim: [101, 102], dim: [] shape: [{ d: 1 }, < d: 2 >]");
        Assert.Equal(["1", "3", "101", "102"], m.All("dim").Select(f => ((TextScalar)f.Value).Text));
        Assert.Equal(2, m.All("shape").Count());
        Assert.All(m.All("shape"), f => Assert.IsType<TextMessage>(f.Value));
    }

    [Theory]
    [InlineData("v: 1e-4", "1e-4")]
    [InlineData("v: -0.5", "-0.5")]
    [InlineData("v: .5", ".5")]
    [InlineData("v: 1.", "1.")]
    [InlineData("v: 2.5E+3", "2.5E+3")]
    [InlineData("v: 1.5f", "1.5f")]
    [InlineData("v: 0x1F", "0x1F")]
    [InlineData("v: 017", "017")]
    [InlineData("v: -inf", "-inf")]
    [InlineData("v: - 3", "-3")]
    public void Numbers_are_kept_as_written(string text, string expected)
    {
        var s = Scalar(Parse(text), "v");
        Assert.Equal(TextScalarKind.Number, s.Kind);
        Assert.Equal(expected, s.Text);
    }

    [Theory]
    [InlineData("v: 1e-4", 1e-4)]
    [InlineData("v: -0.5", -0.5)]
    [InlineData("v: .5", 0.5)]
    [InlineData("v: 1.", 1.0)]
    [InlineData("v: 1.5f", 1.5)]
    [InlineData("v: 0x1F", 31.0)]
    [InlineData("v: 017", 15.0)]
    [InlineData("v: inf", double.PositiveInfinity)]
    [InlineData("v: -inf", double.NegativeInfinity)]
    [InlineData("v: -Infinity", double.NegativeInfinity)]
    public void Numbers_convert_to_their_values(string text, double expected) =>
        Assert.Equal(expected, new TextFieldReader(Parse(text), "test").Double("v"));

    [Fact]
    public void Nan_converts_to_nan() => Assert.True(double.IsNaN(new TextFieldReader(Parse("v: nan"), "t").Double("v")!.Value));

    [Fact]
    public void Integers_convert_with_sign_hex_and_octal_and_refuse_fractions()
    {
        var r = new TextFieldReader(Parse("a: -12 b: 0x10 c: 010 d: 2.5 e: 9223372036854775807"), "t");
        Assert.Equal(-12, r.Int("a"));
        Assert.Equal(16, r.Int("b"));
        Assert.Equal(8, r.Int("c"));
        Assert.Equal(long.MaxValue, r.Int("e"));
        var e = Assert.Throws<CaffeFormatException>(() => r.Int("d"));
        Assert.Contains("test.prototxt:1:26", e.Message);
        Assert.Contains("'d' expects an integer, found number 2.5", e.Message);
    }

    [Fact]
    public void Identifiers_are_enums_and_booleans()
    {
        var m = Parse("pool: MAX norm_region: ACROSS_CHANNELS flag: true other: false");
        Assert.Equal(TextScalarKind.Identifier, Scalar(m, "pool").Kind);
        Assert.Equal("ACROSS_CHANNELS", Scalar(m, "norm_region").Text);
        var r = new TextFieldReader(m, "t");
        Assert.True(r.Bool("flag"));
        Assert.False(r.Bool("other"));
        var e = Assert.Throws<CaffeFormatException>(() => r.Bool("pool"));
        Assert.Contains("'pool' expects true or false, found 'MAX'", e.Message);
    }

    [Theory]
    [InlineData(@"s: ""plain""", "plain")]
    [InlineData(@"s: 'single \'quoted\''", "single 'quoted'")]
    [InlineData(@"s: ""say \""hi\""""", "say \"hi\"")]
    [InlineData(@"s: ""tab\tnew\nline\\""", "tab\tnew\nline\\")]
    [InlineData(@"s: ""\101\x42\u00e9\U0001F600""", "ABé😀")]
    [InlineData(@"s: ""ab"" 'cd'   ""ef""", "abcdef")]
    [InlineData(@"s: ""# not a comment""", "# not a comment")]
    public void Strings_decode_escapes_and_join_adjacent_literals(string text, string expected)
    {
        var s = Scalar(Parse(text), "s");
        Assert.Equal(TextScalarKind.String, s.Kind);
        Assert.Equal(expected, s.Text);
    }

    [Fact]
    public void Fields_know_their_line_and_column()
    {
        var m = Parse("a: 1\n  layer {\n\tname: \"x\"\n  }");
        Assert.Equal(new TextLocation("test.prototxt", 1, 1), m.Fields[0].Location);
        Assert.Equal(new TextLocation("test.prototxt", 2, 3), m.Fields[1].Location);
        var inner = (TextMessage)m.Fields[1].Value;
        Assert.Equal(new TextLocation("test.prototxt", 3, 2), inner.Fields[0].Location);
        Assert.Equal(new TextLocation("test.prototxt", 3, 8), inner.Fields[0].Value.Location);
    }

    [Fact]
    public void Unclosed_brace_reports_end_of_file_and_where_it_opened()
    {
        var e = Fails("layer {\n  name: \"a\"\n  convolution_param {\n    num_output: 2\n  }\n");
        Assert.StartsWith("test.prototxt:6:1:", e.Message);
        Assert.Contains("expected '}' to close 'layer' opened at 1:7, found end of file", e.Message);
        Assert.Equal(new TextLocation("test.prototxt", 6, 1), e.Location);
    }

    [Theory]
    [InlineData("a: 1.2.3", "test.prototxt:1:4: bad number '1.2.3'")]
    [InlineData("a {\n  b: 12abc\n}", "test.prototxt:2:6: bad number '12abc'")]
    [InlineData("a: 019", "test.prototxt:1:4: bad number '019'")]
    [InlineData("a: 1e", "test.prototxt:1:4: bad number '1e'")]
    [InlineData("a: \"open", "test.prototxt:1:4: unterminated string")]
    [InlineData("a: 'one\nline'", "test.prototxt:1:4: unterminated string")]
    [InlineData("a: 1 }", "test.prototxt:1:6: unexpected '}': no message is open")]
    [InlineData("a { b: }", "test.prototxt:1:8: expected a value for field 'b', found '}'")]
    [InlineData("name \"x\"", "test.prototxt:1:6: expected ':' or '{' after field name 'name', found string \"x\"")]
    [InlineData("a { 5 }", "test.prototxt:1:5: expected a field name or '}' to close 'a', found number '5'")]
    [InlineData("a: \"\\q\"", "test.prototxt:1:5: unknown escape '\\q'")]
    [InlineData("a: @", "test.prototxt:1:4: unexpected character '@'")]
    [InlineData("a: [1, 2", "test.prototxt:1:9: expected ',' or ']' in the list of 'a' opened at 1:4, found end of file")]
    [InlineData("a: - x", "test.prototxt:1:6: expected a number after '-' for field 'a', found identifier 'x'")]
    [InlineData("a < b: 1 }", "test.prototxt:1:10: expected a field name or '>' to close 'a', found '}'")]
    public void Bad_text_fails_with_file_line_column_and_what_was_expected(string text, string expected) =>
        Assert.StartsWith(expected, Fails(text).Message);

    [Fact]
    public void A_singular_field_given_twice_is_refused_by_the_typed_reader()
    {
        var r = new TextFieldReader(Parse("num_output: 1\nnum_output: 2"), "layer 'x'");
        var e = Assert.Throws<CaffeFormatException>(() => r.Int("num_output"));
        Assert.StartsWith("test.prototxt:2:1: layer 'x': 'num_output' is given again (first at 1:1)", e.Message);
    }

    [Fact]
    public void Empty_and_comment_only_documents_are_empty_messages()
    {
        Assert.Empty(Parse("").Fields);
        Assert.Empty(Parse("# only\n   # comments\n").Fields);
        Assert.Empty(Parse("\uFEFF").Fields);
    }
}
