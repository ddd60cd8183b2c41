namespace EssenceOfPose.Models;

/// <summary>
/// PoseNet of Zamir et al., "Generic 3D Representation via Pose Estimation and Matching"
/// (ECCV 2016): the tower of <c>pose-l1-torch7-deploy.prototxt</c> on 3×101×101 patches —
/// conv1 20@7 → pool1 → conv2 40@5 pad 2 → pool2 → conv3 80@4 → pool3 → conv4 160@4 stride 2
/// → pool4 → fc5 500 → fc6 500, ReLU after each, max pooling 2/2 rounding up as Caffe does —
/// with the siamese head of <c>pose_amir_window_siamese.prototxt</c> (concat_fc6 → common_fc 512
/// → ReLU → pose_fc, ptch_fc).
/// </summary>
public sealed class PoseNet : SiameseNet
{
    public const string Name = "posenet";

    public PoseNet(int poseOutputs = 6) : this(new Layers(), poseOutputs) { }

    PoseNet(Layers l, int poseOutputs) : base(Name,
    [
        new("conv1", l.Conv1, l.Relu), new("pool1", l.Pool, null),
        new("conv2", l.Conv2, l.Relu), new("pool2", l.Pool, null),
        new("conv3", l.Conv3, l.Relu), new("pool3", l.Pool, null),
        new("conv4", l.Conv4, l.Relu), new("pool4", l.Pool, null),
        new("fc5", l.Fc5, l.Relu),
        new("fc6", l.Fc6, l.Relu),
    ], codeSize: 500, poseOutputs, l.Relu)
    {
        register_module("conv1", l.Conv1);
        register_module("conv2", l.Conv2);
        register_module("conv3", l.Conv3);
        register_module("conv4", l.Conv4);
        register_module("fc5", l.Fc5);
        register_module("fc6", l.Fc6);
        CaffeFill([("conv1", 0.01, 0), ("conv2", 0.01, 0), ("conv3", 0.01, 0), ("conv4", 0.01, 0), ("fc5", 0.01, 0), ("fc6", 0.01, 0),
                   ("common_fc", 0.005, 1), ("pose_fc", 0.005, 1), ("ptch_fc", 0.005, 1)]);
    }

    public override string Architecture => Name;

    sealed class Layers
    {
        public readonly ReLU Relu = nn.ReLU();
        // Caffe's pooling rounds the output size up.
        public readonly MaxPool2d Pool = nn.MaxPool2d(2, stride: 2, ceil_mode: true);
        public readonly Conv2d Conv1 = nn.Conv2d(3, 20, 7);
        public readonly Conv2d Conv2 = nn.Conv2d(20, 40, 5, padding: 2);
        public readonly Conv2d Conv3 = nn.Conv2d(40, 80, 4);
        public readonly Conv2d Conv4 = nn.Conv2d(80, 160, 4, stride: 2);
        public readonly Linear Fc5 = nn.Linear(160 * 2 * 2, 500);
        public readonly Linear Fc6 = nn.Linear(500, 500);
    }
}
