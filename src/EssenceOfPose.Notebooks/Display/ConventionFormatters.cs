using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;

namespace EssenceOfPose.Notebooks;

// Discovers the formatters a type offers through the convention .NET Interactive uses:
// an attribute NAMED TypeFormatterSourceAttribute (any namespace, any visibility) whose
// public FormatterSourceType has a public CreateTypeFormatters(); each formatter has public
// MimeType, Type and bool Format(object, TextWriter). All by name, so libraries need no
// reference to this runner.
internal static class ConventionFormatters
{
    private const string AttributeName = "TypeFormatterSourceAttribute";

    private static readonly ConcurrentDictionary<Type, FormatterSet> s_cache = new();

    /// <summary>The formatters declared for <paramref name="type"/> or its base types, with its preferred MIME types.</summary>
    public static FormatterSet For(Type type) => s_cache.GetOrAdd(type, Discover);

    private static FormatterSet Discover(Type type)
    {
        var formatters = new List<ConventionFormatter>();
        var preferred = new List<string>();
        foreach (var attribute in type.GetCustomAttributes(inherit: true).Where(a => a.GetType().Name == AttributeName))
        {
            if (Property<Type>(attribute, "FormatterSourceType") is not { } sourceType)
                throw new InvalidOperationException($"{attribute.GetType().FullName} on {type} has no public FormatterSourceType property.");
            if (Property<string[]>(attribute, "PreferredMimeTypes") is { } mimeTypes) preferred.AddRange(mimeTypes);
            formatters.AddRange(CreateFormatters(sourceType, type));
        }
        return new FormatterSet(formatters, [.. preferred.Distinct()]);
    }

    private static IEnumerable<ConventionFormatter> CreateFormatters(Type sourceType, Type attributedType)
    {
        var source = Activator.CreateInstance(sourceType)
                     ?? throw new InvalidOperationException($"Cannot create formatter source {sourceType}.");
        var create = sourceType.GetMethod("CreateTypeFormatters", Type.EmptyTypes)
                     ?? throw new InvalidOperationException($"{sourceType} has no public CreateTypeFormatters().");
        if (Invoke(create, source, []) is not IEnumerable created)
            throw new InvalidOperationException($"{sourceType}.CreateTypeFormatters() returned no sequence.");
        foreach (var formatter in created.Cast<object>())
        {
            var format = formatter.GetType().GetMethod("Format", [typeof(object), typeof(TextWriter)]);
            if (Property<string>(formatter, "MimeType") is not { } mimeType || format is null || format.ReturnType != typeof(bool))
                throw new InvalidOperationException($"{formatter.GetType()} needs public string MimeType and bool Format(object, TextWriter).");
            var formattedType = Property<Type>(formatter, "Type") ?? attributedType;
            yield return new ConventionFormatter(mimeType, formattedType, (value, writer) => (bool)Invoke(format, formatter, [value, writer])!);
        }
    }

    private static T? Property<T>(object target, string name) where T : class =>
        target.GetType().GetProperty(name)?.GetValue(target) as T;

    // Report the formatter's own exception, not reflection's wrapper around it.
    private static object? Invoke(MethodInfo method, object target, object?[] arguments)
    {
        try { return method.Invoke(target, arguments); }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }
}

/// <summary>One discovered formatter: writes values of <see cref="Type"/> as <see cref="MimeType"/>.</summary>
internal sealed record ConventionFormatter(string MimeType, Type Type, Func<object, TextWriter, bool> Format);

/// <summary>A type's formatters and the MIME types it asks hosts to prefer.</summary>
internal sealed record FormatterSet(IReadOnlyList<ConventionFormatter> Formatters, IReadOnlyList<string> PreferredMimeTypes);
