#pragma warning disable CS8981 // nn: PyTorch's lower-case name, kept on purpose
// TorchSharp under the names the code reads with, PyTorch's spelling: Tensor, nn.Linear, F.relu.
global using TorchSharp;
global using TorchSharp.Modules;
global using static TorchSharp.torch;
global using F = TorchSharp.torch.nn.functional;
global using Module = TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>;
