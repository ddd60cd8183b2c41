namespace EssenceOfPose.Caffe;

/// <summary>A position in a prototxt file (1-based line and column), printed as <c>file:line:column</c>.</summary>
readonly record struct TextLocation(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}
