using EssenceOfPose.Models;

namespace EssenceOfPose.Caffe.Tests;

/// <summary>The Caffe layers the importer expects are read off the suite's models, and are the CVGL prototxts' layers.</summary>
public class CaffeArchitectureTests
{
    [Theory]
    [InlineData(PoseNet.Name, "pose-l1-torch7-deploy.prototxt", false)]
    [InlineData(SmallNetV5.Name, "smallnet-v5_window_siamese_fc5_deploy.prototxt", true)]
    public void The_layers_derived_from_the_model_are_the_deploy_prototxts(string architecture, string prototxt, bool siamese)
    {
        CaffePart[] parts = siamese ? [CaffePart.Tower, CaffePart.Twin, CaffePart.Merge] : [CaffePart.Tower];
        var expected = CaffeArchitecture.All.Single(a => a.Name == architecture).Layers.Where(l => parts.Contains(l.Part)).ToList();
        var deploy = CaffeNet.Load(CaffeFixtures.Path(prototxt)).ForDeploy().Net.Layers;
        Assert.Equal(expected.Select(l => l.Name).Order(), deploy.Select(l => l.Name).Order());
        foreach (var e in expected)
        {
            var actual = deploy.Single(l => l.Name == e.Name);
            Assert.Equal((e.Type, e.Parameters), (actual.Type, actual.Parameters));
            Assert.Equal(e.Bottoms, actual.Bottoms);
            Assert.Equal(e.Tops, actual.Tops);
        }
    }

    [Fact]
    public void Posenet_reads_as_its_prototxt_in_order()
    {
        var posenet = CaffeArchitecture.All.Single(a => a.Name == PoseNet.Name);
        Assert.Equal(
            ["conv1", "relu1", "pool1", "conv2", "relu2", "pool2", "conv3", "relu3", "pool3", "conv4", "relu4", "pool4", "fc5", "relu5", "fc6", "relu6"],
            posenet.Part(CaffePart.Tower).Select(l => l.Name));
        Assert.Equal(new ConvolutionParameter(160, 4, 4, 2, 2), posenet.Layer("conv4")!.Parameters);
        Assert.Equal(new PoolingParameter(PoolMethod.Max, 2, 2, 2, 2), posenet.Layer("pool4_p")!.Parameters);
        Assert.Equal(["fc6", "fc6_p"], posenet.Layer("concat_fc6")!.Bottoms);
        Assert.Equal(new InnerProductParameter(2), posenet.Layer("ptch_fc")!.Parameters);
        Assert.Equal("conv2", posenet.TowerLayerOf("conv2_p"));
    }

    [Fact]
    public void Smallnet_keeps_its_prelu_names_and_lrn_settings()
    {
        var smallnet = CaffeArchitecture.All.Single(a => a.Name == SmallNetV5.Name);
        Assert.Equal(("PReLU", new PReLUParameter()), (smallnet.Layer("relu5")!.Type, smallnet.Layer("relu5")!.Parameters));
        Assert.Equal(CaffePart.Merge, smallnet.Layer("relu_common")!.Part);
        Assert.Equal(new LrnParameter(5, 1e-4, 0.75), smallnet.Layer("norm2")!.Parameters);
        Assert.Equal(new ConvolutionParameter(128, 5, 5, PadH: 2, PadW: 2, Group: 2), smallnet.Layer("conv2")!.Parameters);
    }

    [Fact]
    public void A_model_whose_pooling_rounds_down_has_no_caffe_form()
    {
        using var model = new FloorPooling();
        var e = Assert.Throws<InvalidOperationException>(() => CaffeArchitecture.Of(model));
        Assert.Equal("layer 'pool1' (MaxPool2d) has no Caffe form the importer knows", e.Message);
    }

    /// <summary>A tower whose pooling floors, as PyTorch's does by default and Caffe's never does.</summary>
    sealed class FloorPooling : SiameseNet
    {
        public FloorPooling() : this(nn.Conv2d(3, 4, 3), nn.ReLU()) { }

        FloorPooling(Conv2d conv1, ReLU relu) : base("floor",
            [new("conv1", conv1, relu), new("pool1", nn.MaxPool2d(2, stride: 2), null)], codeSize: 4, poseOutputs: 6, relu) =>
            register_module("conv1", conv1);

        public override string Architecture => "floor";
    }
}
