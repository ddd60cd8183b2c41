using System.Text;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace EssenceOfPose.Notebooks;

/// <summary>One cell's outputs as the kernel reports them, turned into Documents output elements the
/// way dotnet-interactive's Jupyter front end turns them into messages: stdout and stderr streams
/// (consecutive writes merged), display_data, execute_result, and an error. Events arrive on any
/// thread, also from work the cell left running, so everything is under a lock.</summary>
internal sealed class CellOutputs(int executionCount)
{
    private readonly Lock _lock = new();
    private readonly List<object> _items = []; // StreamText | DisplayElement | ReturnValueElement | ErrorElement
    private readonly Dictionary<string, DisplayElement> _displays = [];

    public ErrorElement? Error { get; private set; }

    /// <summary>Bumped on every change, for the periodic checkpoint of a running cell.</summary>
    public int Version { get; private set; }

    public void On(KernelEvent e, int cellNumber)
    {
        lock (_lock)
        {
            Version++;
            switch (e)
            {
                case StandardOutputValueProduced o:
                    Append("stdout", PlainText(o));
                    break;
                case StandardErrorValueProduced o:
                    Append("stderr", PlainText(o));
                    break;
                case ErrorProduced o: // e.g. a formatter or kernel extension that failed
                    Append("stderr", PlainText(o) + "\n");
                    break;
                case ReturnValueProduced { Value: DisplayedValue }:
                    break; // `display(x)` as the last expression: shown already, as in Jupyter
                case ReturnValueProduced o:
                    var result = new ReturnValueElement { ExecutionOrder = executionCount };
                    foreach (var v in o.FormattedValues) result.Data[v.MimeType] = v.Value;
                    _items.Add(result);
                    break;
                case DisplayedValueUpdated o when o.ValueId is { } id && _displays.TryGetValue(id, out var shown):
                    shown.Data.Clear();
                    foreach (var v in o.FormattedValues) shown.Data[v.MimeType] = v.Value;
                    break;
                case DisplayedValueProduced o:
                    var display = new DisplayElement(o.FormattedValues.ToDictionary(v => v.MimeType, object (v) => v.Value));
                    if (o.ValueId is { } valueId) _displays[valueId] = display;
                    _items.Add(display);
                    break;
                case CommandFailed o:
                    AddError(CellErrors.From(o, cellNumber));
                    break;
            }
        }
    }

    public void AddError(ErrorElement error)
    {
        lock (_lock)
        {
            Version++;
            Error ??= error;
            _items.Add(error);
        }
    }

    /// <summary>For a timeout: the kernel's own "command cancelled" failure gives way to this error.</summary>
    public void ReplaceErrors(ErrorElement error)
    {
        lock (_lock)
        {
            Version++;
            _items.RemoveAll(i => i is ErrorElement);
            _items.Add(error);
            Error = error;
        }
    }

    public IReadOnlyList<InteractiveDocumentOutputElement> ToElements()
    {
        lock (_lock)
        {
            return [.. _items.Select(i => i is StreamText s ? new TextElement(s.Text.ToString(), s.Name) : (InteractiveDocumentOutputElement)i)];
        }
    }

    private void Append(string name, string text)
    {
        if (text.Length == 0) return;
        if (_items.Count > 0 && _items[^1] is StreamText last && last.Name == name) last.Text.Append(text);
        else _items.Add(new StreamText(name, new StringBuilder(text)));
    }

    private static string PlainText(DisplayEvent e) =>
        e.FormattedValues.FirstOrDefault(v => v.MimeType == "text/plain")?.Value ?? e.Value?.ToString() ?? "";

    private sealed record StreamText(string Name, StringBuilder Text);
}
