namespace EssenceOfPose.Caffe;

/// <summary>
/// The caffe.proto field numbers the binary reader and writer use; the table also lists those they skip.
/// Verified against BVLC Caffe's
/// <c>src/caffe/proto/caffe.proto</c> (the stored copy of BVLC/caffe, commit 8a65ae31) and cross-checked with
/// the wire tags of a protoc-generated V1LayerParameter (ajtulloch/dnngraph, Gen/Caffe/V1LayerParameter.hs:
/// tags 18, 26, 34, 40, 50, 8010 = fields 2, 3, 4, 5, 6, 1001).
/// <code>
/// message              field          number  type                        wire type
/// NetParameter         name                1  string                      2 (length-delimited)
///                      layers              2  repeated V1LayerParameter   2
///                      input               3  repeated string             2
///                      input_dim           4  repeated int32              0 (varint), or 2 if packed
///                      input_shape         8  repeated BlobShape          2
///                      layer             100  repeated LayerParameter     2
/// LayerParameter       name                1  string                      2
///                      type                2  string                      2
///                      bottom              3  repeated string             2
///                      top                 4  repeated string             2
///                      param               6  repeated ParamSpec          2
///                      blobs               7  repeated BlobProto          2
/// ParamSpec            name                1  string                      2
/// V1LayerParameter     bottom              2  repeated string             2
///                      top                 3  repeated string             2
///                      name                4  string                      2
///                      type                5  enum LayerType              0
///                      blobs               6  repeated BlobProto          2
///                      param            1001  repeated string             2
/// BlobProto            num                 1  int32 (legacy 4-D shape)    0
///                      channels            2  int32                       0
///                      height              3  int32                       0
///                      width               4  int32                       0
///                      data                5  repeated float [packed]     2, or 5 (fixed32) unpacked
///                      diff                6  repeated float [packed]     skipped
///                      shape               7  BlobShape                   2
///                      double_data         8  repeated double [packed]    2, or 1 (fixed64) unpacked
///                      double_diff         9  repeated double [packed]    skipped
/// BlobShape            dim                 1  repeated int64 [packed]     2, or 0 unpacked
/// </code>
/// </summary>
static class CaffeProtoFields
{
    internal static class Net
    {
        public const int Name = 1;
        public const int V1Layers = 2;
        public const int Layer = 100;
    }

    internal static class Layer
    {
        public const int Name = 1;
        public const int Type = 2;
        public const int Bottom = 3;
        public const int Top = 4;
        public const int Param = 6;
        public const int Blobs = 7;
    }

    internal static class ParamSpec
    {
        public const int Name = 1;
    }

    internal static class V1Layer
    {
        public const int Bottom = 2;
        public const int Top = 3;
        public const int Name = 4;
        public const int Type = 5;
        public const int Blobs = 6;
        public const int Param = 1001;
    }

    internal static class Blob
    {
        public const int Num = 1;
        public const int Channels = 2;
        public const int Height = 3;
        public const int Width = 4;
        public const int Data = 5;
        public const int Shape = 7;
        public const int DoubleData = 8;
    }

    internal static class BlobShape
    {
        public const int Dim = 1;
    }
}
