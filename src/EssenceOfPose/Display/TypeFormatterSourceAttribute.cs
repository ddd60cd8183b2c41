namespace EssenceOfPose.Display;

// .NET Interactive and the suite's notebook runner both find this attribute by its NAME
// (and read FormatterSourceType / PreferredMimeTypes by name), so the core needs no
// reference to either host: one declaration serves Polyglot Notebooks and `eop notebooks run`.
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = true)]
internal sealed class TypeFormatterSourceAttribute(Type formatterSourceType) : Attribute
{
    /// <summary>A type with a public parameterless constructor and a public
    /// <c>IEnumerable&lt;object&gt; CreateTypeFormatters()</c>.</summary>
    public Type FormatterSourceType { get; } = formatterSourceType;

    /// <summary>MIME types a host should pick first when it can show only one.</summary>
    public string[]? PreferredMimeTypes { get; set; }
}
