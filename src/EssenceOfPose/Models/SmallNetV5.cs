namespace EssenceOfPose.Models;

/// <summary>
/// The second family of the CVGL release, <c>smallnet-v5_window_siamese_fc5.prototxt</c>: conv1
/// 96@7 stride 3 → pool 3/2 → LRN(5, 1e-4, 0.75); conv2 128@5 pad 2 group 2 → pool 3/2 → LRN;
/// conv3 256@3 pad 1; conv4 64@1 pad 1 → pool 3/2; fc5 512 with PReLU; concat_fc5 → common_fc
/// 512 with PReLU. ReLU after each convolution, pooling rounding up as Caffe does.
/// </summary>
public sealed class SmallNetV5 : SiameseNet
{
    public const string Name = "smallnet-v5";

    public SmallNetV5(int poseOutputs = 6) : this(new Layers(), poseOutputs) { }

    SmallNetV5(Layers l, int poseOutputs) : base(Name,
    [
        new("conv1", l.Conv1, l.Relu), new("pool1", l.Pool, null), new("norm1", l.Norm, null),
        new("conv2", l.Conv2, l.Relu), new("pool2", l.Pool, null), new("norm2", l.Norm, null),
        new("conv3", l.Conv3, l.Relu),
        new("conv4", l.Conv4, l.Relu), new("pool4", l.Pool, null),
        new("fc5", l.Fc5, l.Prelu5),
    ], codeSize: 512, poseOutputs, l.PreluCommon)
    {
        register_module("conv1", l.Conv1);
        register_module("conv2", l.Conv2);
        register_module("conv3", l.Conv3);
        register_module("conv4", l.Conv4);
        register_module("fc5", l.Fc5);
        register_module("relu5", l.Prelu5);
        CaffeFill([("conv1", 0.01, 0), ("conv2", 0.01, 0), ("conv3", 0.01, 0), ("conv4", 0.01, 0), ("fc5", 0.005, 0),
                   ("common_fc", 0.005, 0), ("pose_fc", 0.005, 1), ("ptch_fc", 0.005, 1)]);
    }

    public override string Architecture => Name;

    sealed class Layers
    {
        public readonly ReLU Relu = nn.ReLU();
        // Caffe's pooling rounds the output size up.
        public readonly MaxPool2d Pool = nn.MaxPool2d(3, stride: 2, ceil_mode: true);
        public readonly Conv2d Conv1 = nn.Conv2d(3, 96, 7, stride: 3);
        public readonly LocalResponseNorm Norm = nn.LocalResponseNorm(5, 1e-4, 0.75);
        public readonly Conv2d Conv2 = nn.Conv2d(96, 128, 5, padding: 2, groups: 2);
        public readonly Conv2d Conv3 = nn.Conv2d(128, 256, 3, padding: 1);
        public readonly Conv2d Conv4 = nn.Conv2d(256, 64, 1, padding: 1);
        public readonly Linear Fc5 = nn.Linear(64 * 5 * 5, 512);
        // Caffe's PReLU learns one slope per channel unless channel_shared is set, which these prototxts do not.
        public readonly PReLU Prelu5 = nn.PReLU(512);
        public readonly PReLU PreluCommon = nn.PReLU(512);
    }
}
