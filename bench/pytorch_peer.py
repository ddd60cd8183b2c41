#!/usr/bin/python3
"""PyTorch peer of `eop bench`: the suite's own workloads, op for op, in PyTorch.

Run with Debian's python3-torch (/usr/bin/python3), not a pyenv or venv python:

    /usr/bin/python3 bench/pytorch_peer.py --workload all --threads 2 --repeats 5 --json peer.json

Each row is the median over --repeats timed runs of a fixed number of steps, after warm-up
steps that are not timed. Row names are stable; the C# side matches rows by name:

    matmul 1024² f32                GFLOP/s   (higher is better)
    conv2d 64×64×32×32, 128×3×3     GFLOP/s   (higher is better)
    conv2d, channels-last           GFLOP/s   (the same on NHWC strides, as the tower runs)
    add, 1-element tensors          µs/call   (lower is better)
    posenet-train batch 32          pairs/s   (higher is better)
    invert fc5 batch 1              ms/step   (lower is better)
    invert fc5 batch 16             ms/step
    invert conv4 batch 1            ms/step
    invert conv4 batch 16           ms/step
    ugn-train fc5 batch 32          images/s  (higher is better)
    ugn-train conv4 batch 32        images/s

What is mirrored from the C# (read at 863bdca, the suite's own binding, and checked again at
6c07d64, the port to TorchSharp 0.107), and what could not be matched exactly:

posenet-train mirrors PoseNetTrainer.Step plus the per-step work of PoseNetTrainer.Run
(StepDecay, which sets every group's lr to base * 0.5^(step // 4000) before the step,
PairTensors.Batch, the three loss.item() calls), with the default options
(SGD, lr 0.001, momentum 0.9, weight decay 0.0005 on weights / lr x2 and no decay on biases,
clip_grad_norm_ 10 over all parameters, pose loss weight 10, He initialisation, 6-DoF labels)
except the batch size, which is 32 here as the benchmark asks (the C# default is 64, Quick 16).
Not matched:
  - The data: a random patch cache (uniform 0-255, 128 views) and random pairs with exactly
    half matching stand in for the decoded Street View patches; values do not change the cost.
  - Per-step bookkeeping that is not tensor work (progress reports, checkpoint saving every
    500 steps, the per-epoch evaluation) is not timed here, and should not be on the C# side.
  - optimizer.zero_grad(): TorchSharp 0.107's managed optimisers (OptimizerHelper.zero_grad)
    zero every existing gradient in place, so set_to_none=False here (PyTorch 1.13's default
    too). The suite's own binding (before 6c07d64) set them to None instead; if the C# ever
    goes back to that, pass set_to_none=True. SGD is forced to the single-tensor path
    (foreach=False), which is what 1.13 picks on CPU anyway and what TorchSharp's SGD does
    (per parameter: grad.add(p, wd); buf.mul_(m).add_(grad); p.add_(buf, -lr)).

invert mirrors one step of Renderer.Step in the first phase of the MahendranVedaldi preset
(300-step phase: jitter, MomentumAdaGrad at eta = 101*101*0.05*80^2/6, box 160), C = 1,
alpha = 6 with lambda_alpha = (1/80)^6, isotropic TV beta = 2 with lambda_V = (6.5/80)^2,
pixel parameterisation, GradientLeak 0 (the preset's default: true ReLU gradient), tap after
the ReLU. The jitter is J - 1 = max(round(stride/4), 1) - 1 pixels with the stride measured as
TapGeometry does: 16 at conv4 (canvas 104), 32 at fc5 (the stride of pool4; canvas 108).
Not matched:
  - Random numbers: the C# Generator and torch.Generator are both libtorch's CPU generator,
    but the start noise and jitter offsets are not claimed to be bit-identical; the cost of a
    step does not depend on them.
  - The network is He-initialised at random (seed 1) instead of the shipped weights, and
    phi0 is the tap of random images (uniform 0-255 minus 127.5): the cost is the same, the
    loss values are not.
  - The render loop's progress report, history lists and dispose scopes are C#-side
    bookkeeping and have no PyTorch counterpart; the per-term `.detach().double()` copies
    to the host that feed the history ARE done here, as the C# does them every step.

ugn-train mirrors UgnTrainer.Step (Generators/UgnTrainer.cs) with the default UpConvGenerator
(UgnOptions.Default: 128 channels halving to 32, fc width 512 and 2 fc layers for a vector
code, 2 3x3 conv_in layers for a map, kernel-4 stride-2 up-convolutions to 128, batch norm and
leaky ReLU 0.2 after every hidden layer, a linear 3x3 conv_out times 64 and a bilinear resize to
101) on an fc5 code [500] and a conv4 code [160,4,4], batch 32: rows gathered from a 256-row
cache with index_select, forward, mse_loss, zero_grad, backward, Adam (lr 1e-3, betas 0.9/0.999,
no weight decay), loss.item(). PyTorch default initialisation (TorchSharp's is the same scheme).
Not matched: the random rows and values (the cost does not depend on them).

Both: the C# side (TorchSharp) runs its own libtorch build; Debian's python3-torch 1.13 links
the system libblas.so.3 (reference netlib BLAS unless OpenBLAS is installed) and oneDNN for
convolutions. The JSON records the BLAS library found so a ratio can be read with that in mind.
"""

import argparse
import json
import math
import os
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

# ---------------------------------------------------------------------------------------------
# The model: Models/PoseNet.cs and Models/SiameseNet.cs
# ---------------------------------------------------------------------------------------------


def _pool(x):
    return F.max_pool2d(x, 2, stride=2, ceil_mode=True)


class PoseNet(nn.Module):
    """PoseNet's tower and siamese head, parameters under Caffe's names as the C# registers them."""

    def __init__(self, pose_outputs=6):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 20, 7)
        self.conv2 = nn.Conv2d(20, 40, 5, padding=2)
        self.conv3 = nn.Conv2d(40, 80, 4)
        self.conv4 = nn.Conv2d(80, 160, 4, stride=2)
        self.fc5 = nn.Linear(160 * 2 * 2, 500)
        self.fc6 = nn.Linear(500, 500)
        self.common_fc = nn.Linear(2 * 500, 512)
        self.pose_fc = nn.Linear(512, pose_outputs)
        self.ptch_fc = nn.Linear(512, 2)
        # (name, op, activation-or-None): SiameseNet.Stage
        self.stages = [
            ("conv1", self.conv1, F.relu), ("pool1", _pool, None),
            ("conv2", self.conv2, F.relu), ("pool2", _pool, None),
            ("conv3", self.conv3, F.relu), ("pool3", _pool, None),
            ("conv4", self.conv4, F.relu), ("pool4", _pool, None),
            ("fc5", lambda x: self.fc5(x.flatten(1)), F.relu),
            ("fc6", self.fc6, F.relu),
        ]

    def tap(self, images, layer):
        """SiameseNet.Tap(images, tap) with gradientLeak 0: the blob after the layer's ReLU."""
        x = images
        for name, op, act in self.stages:
            y = op(x)
            if name == layer:
                return y if act is None else act(y)
            x = y if act is None else act(y)
        raise ValueError(f"no tower layer {layer}")

    def embed(self, images):
        return self.tap(images, "fc6")

    def forward(self, first, second):
        n = first.size(0)
        codes = self.embed(torch.cat([first, second], 0))  # one tower pass over 2N images
        concat = torch.cat([codes.narrow(0, 0, n), codes.narrow(0, n, n)], 1)
        common = F.relu(self.common_fc(concat))
        return self.pose_fc(common), self.ptch_fc(common)

    def he_init(self):
        """SiameseNet.HeInit: zero biases, Xavier-uniform heads, Kaiming-normal (fan_in, relu) elsewhere."""
        with torch.no_grad():
            for name, p in self.named_parameters():
                if name.endswith(".bias"):
                    nn.init.zeros_(p)
                elif p.dim() < 2:
                    continue
                elif name.startswith("pose_fc.") or name.startswith("ptch_fc."):
                    nn.init.xavier_uniform_(p)
                else:
                    nn.init.kaiming_normal_(p, mode="fan_in", nonlinearity="relu")


def new_model(seed=1):
    torch.manual_seed(seed)
    m = PoseNet(6)
    m.he_init()
    return m


# ---------------------------------------------------------------------------------------------
# Timing
# ---------------------------------------------------------------------------------------------


def median_seconds_per_step(step, steps, warmup, repeats):
    """Runs `warmup` untimed steps, then `repeats` timed runs of `steps` steps; median s/step."""
    for _ in range(warmup):
        step()
    runs = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for _ in range(steps):
            step()
        runs.append((time.perf_counter() - t0) / steps)
    return statistics.median(runs)


# ---------------------------------------------------------------------------------------------
# 1. posenet-train: Training/PoseNetTrainer.cs (Step), PairTensors.Batch, PoseNetTrainingOptions
# ---------------------------------------------------------------------------------------------

POSENET_BATCH = 32


def workload_posenet_train(args):
    batch = POSENET_BATCH
    label_size = 6
    model = new_model(seed=1)
    model.train()

    # Optimiser groups exactly as the trainer builds them (defaults of PoseNetTrainingOptions).
    base_lr, momentum, weight_decay, clip_norm, pose_weight = 0.001, 0.9, 0.0005, 10.0, 10.0
    named = list(model.named_parameters())
    weights = [p for n, p in named if not n.endswith(".bias")]
    biases = [p for n, p in named if n.endswith(".bias")]
    optimizer = torch.optim.SGD(
        [{"params": weights, "lr": base_lr, "weight_decay": weight_decay},
         {"params": biases, "lr": 2 * base_lr, "weight_decay": 0.0}],
        lr=base_lr, momentum=momentum, foreach=False)
    base_rates = [g["lr"] for g in optimizer.param_groups]
    step_size, gamma = 4000, 0.5

    # The patch cache ([V,3,101,101] float32 0-255) and its channel mean; random pairs, half matching.
    g = torch.Generator().manual_seed(7)
    views = 128
    patches = torch.randint(0, 256, (views, 3, 101, 101), generator=g).to(torch.float32)
    mean = patches.mean([0, 2, 3], dtype=torch.float64).to(torch.float32).view(1, 3, 1, 1)
    batches = []
    for _ in range(8):
        first = torch.randint(0, views, (batch,), generator=g).tolist()
        second = torch.randint(0, views, (batch,), generator=g).tolist()
        match = [1] * (batch // 2) + [0] * (batch - batch // 2)
        perm = torch.randperm(batch, generator=g).tolist()
        match = [match[i] for i in perm]
        pose = torch.randn(batch, label_size, generator=g)
        pose = [float(v) if match[i // label_size] else 0.0 for i, v in enumerate(pose.flatten().tolist())]
        batches.append((first, second, match, pose))
    counter = [0]

    def step():
        first, second, match_l, pose_l = batches[counter[0] % len(batches)]
        # PoseNetTrainer.StepDecay (Caffe's "step" policy), before the step
        factor = math.pow(gamma, counter[0] // step_size)
        for group, base in zip(optimizer.param_groups, base_rates):
            group["lr"] = base * factor
        counter[0] += 1
        # PairTensors.Batch
        a = patches.index_select(0, torch.tensor(first, dtype=torch.int64)) - mean
        b = patches.index_select(0, torch.tensor(second, dtype=torch.int64)) - mean
        match = torch.tensor(match_l, dtype=torch.int64)
        label = torch.tensor(pose_l, dtype=torch.float32).view(batch, label_size)
        # PoseNetTrainer.Step
        pose, logits = model(a, b)
        match_loss = F.cross_entropy(logits, match)
        mask = match.eq(1).unsqueeze(1).to(torch.float32)
        matches = max(1.0, mask.sum().item())
        pose_loss = ((pose - label).abs() * mask).sum() / (matches * label_size)
        loss = pose_loss * pose_weight + match_loss
        optimizer.zero_grad(set_to_none=False)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), clip_norm).item()
        optimizer.step()
        return loss.item(), pose_loss.item(), match_loss.item()

    s = median_seconds_per_step(step, args.train_steps, args.train_warmup, args.repeats)
    return [{"name": f"posenet-train batch {batch}", "unit": "pairs/s", "value": batch / s}]


# ---------------------------------------------------------------------------------------------
# 2. invert: Inversion/Solvers/MahendranVedaldi.cs + Renderer.Step, one step of the first phase
# ---------------------------------------------------------------------------------------------

IMAGE_SIZE = 101
TYPICAL_NORM = 80.0          # B
ALPHA, BETA = 6.0, 2.0
BOX_BOUND = 160.0
MV_MOMENTUM = 0.9
RATE_FACTOR = 0.05
JITTER_FRACTION = 0.25


def tap_stride(model, layer, input_size):
    """TapGeometry.Stride: the measured cumulative stride (an fc tap takes the last spatial blob's)."""
    names = [s[0] for s in model.stages]

    def side(name, size):
        with torch.no_grad():
            blob = model.tap(torch.zeros(1, 3, size, size), name)
        return blob.size(2) if blob.dim() == 4 else -1

    def first_above(f, start, level):
        lo, hi = start, start + 1
        while f(hi) <= level:
            lo, hi = hi, start + 2 * (hi - start)
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if f(mid) > level:
                hi = mid
            else:
                lo = mid
        return hi

    for name in reversed(names[: names.index(layer) + 1]):
        s = side(name, input_size)
        if s < 0:
            continue
        f = lambda n, name=name: side(name, n)
        a = first_above(f, input_size, s)
        b = first_above(f, a, f(a))
        return b - a
    return 1


def jitter_for(stride):
    """MahendranVedaldi.JitterFor: max(round(stride/4) away from zero, 1)."""
    return max(int(math.floor(stride * JITTER_FRACTION + 0.5)), 1)


def uniform_noise(n, size, generator):
    """StartImages.UniformNoise: U[-1,1], each image scaled so its 95th percentile is B/sqrt(3)."""
    x = torch.rand(n, 3, size, size, generator=generator) * 2 - 1
    q = x.flatten(1).quantile(0.95, 1, keepdim=True).view(n, 1, 1, 1)
    return x / q * (TYPICAL_NORM / math.sqrt(3))


def jitter(images, pixels, generator):
    """Transforms/Jitter.Apply: a random (H-d)x(W-d) window per image, offsets drawn in 0..d."""
    if pixels == 0:
        return images
    n, h, w = images.size(0), images.size(2) - pixels, images.size(3) - pixels
    offsets = torch.randint(0, pixels + 1, (n, 2), generator=generator).tolist()
    crops = [images.narrow(0, i, 1).narrow(2, offsets[i][0], h).narrow(3, offsets[i][1], w) for i in range(n)]
    return torch.cat(crops, 0)


def alpha_norm_of(x, alpha):
    """Regularisers/AlphaNorm.AlphaNormOf (alpha >= 2: no epsilon)."""
    s = x.square().sum(1)
    return s.pow(alpha / 2).mean([1, 2])


def total_variation_of(x, beta):
    """Regularisers/TotalVariation.TotalVariationOf, isotropic, beta >= 2: no epsilon."""
    h, w = x.size(2), x.size(3)
    dx = F.pad(x.narrow(3, 1, w - 1) - x.narrow(3, 0, w - 1), [0, 1, 0, 0])
    dy = F.pad(x.narrow(2, 1, h - 1) - x.narrow(2, 0, h - 1), [0, 0, 0, 1])
    s = dx.square() + dy.square()
    v = s.pow(beta / 2)
    return v.sum([1, 2, 3]) / (h * w)


def make_invert_step(model, layer, n, seed=1):
    stride = tap_stride(model, layer, IMAGE_SIZE)
    margin = jitter_for(stride) - 1
    lambda_alpha = math.pow(1 / TYPICAL_NORM, ALPHA)
    lambda_beta = math.pow(6.5 / TYPICAL_NORM, BETA)
    rate = IMAGE_SIZE * IMAGE_SIZE * (RATE_FACTOR * TYPICAL_NORM * TYPICAL_NORM / ALPHA)

    # phi0: Inverter.Invert computes the codes of the targets at the tap without gradient;
    # FeatureMatch keeps the flattened target and its squared norm (clamped at 1e-12).
    tg = torch.Generator().manual_seed(1000 + n)
    targets = torch.rand(n, 3, IMAGE_SIZE, IMAGE_SIZE, generator=tg) * 255 - 127.5
    with torch.no_grad():
        codes = model.tap(targets, layer)
        flat = codes.detach().flatten(1)
        sq = flat.square().sum(1).clamp_min(1e-12)

    generator = torch.Generator().manual_seed(seed)  # InversionPreset.Seed = 1
    start = uniform_noise(n, IMAGE_SIZE + margin, generator)
    pixels = start.detach().clone().requires_grad_()  # PixelParameterisation leaf
    with torch.no_grad():
        accumulated = torch.zeros_like(pixels)  # MomentumAdaGrad state
        velocity = torch.zeros_like(pixels)

    def step():
        # Renderer.Step
        x = pixels
        inp = jitter(x, margin, generator)
        # Objective terms in plan order: C*feature_match (C = 1: unweighted), lambda_alpha*alpha_norm, lambda_V*tv.
        phi = model.tap(inp, layer).flatten(1)
        fm = (phi - flat).square().sum(1) / sq
        an = alpha_norm_of(x, ALPHA) * lambda_alpha
        tv = total_variation_of(x, BETA) * lambda_beta
        losses = [fm, an, tv]
        total = losses[0] + losses[1] + losses[2]
        (grad,) = torch.autograd.grad([total.sum()], [pixels])
        values = [l.detach().to(torch.float64).tolist() for l in losses]
        with torch.no_grad():
            # MomentumAdaGrad.Updater.Step
            accumulated.mul_(MV_MOMENTUM).add_(grad.square())
            velocity.mul_(MV_MOMENTUM).sub_(grad / (accumulated.sqrt() + 1 / rate))
            pixels.add_(velocity)
            # step regularisers: BoxConstraint(160), then PixelParameterisation.SetImage
            y = pixels.detach()
            factor = (BOX_BOUND / y.norm(2, 1, keepdim=True)).clamp_max(1)
            y = y * factor
            pixels.copy_(y)
        return values

    return step, stride, margin


def workload_invert(args):
    model = new_model(seed=1)
    rows = []
    for layer in ("fc5", "conv4"):
        for n in (1, 16):
            step, stride, margin = make_invert_step(model, layer, n)
            steps = args.invert_steps_1 if n == 1 else args.invert_steps_16
            warmup = args.invert_warmup_1 if n == 1 else args.invert_warmup_16
            s = median_seconds_per_step(step, steps, warmup, args.repeats)
            rows.append({"name": f"invert {layer} batch {n}", "unit": "ms/step", "value": s * 1e3,
                         "_note": f"stride {stride}, jitter {margin}, canvas {IMAGE_SIZE + margin}"})
    return rows


# ---------------------------------------------------------------------------------------------
# 3. ugn-train: Generators/UpConvGenerator.cs, Generators/UgnTrainer.cs (Step, ImagesPerSecond)
# ---------------------------------------------------------------------------------------------

class UpConvGenerator(nn.Module):
    """UpConvGenerator with UgnOptions.Default: the same layers, names and forward."""

    def __init__(self, code_shape, channels=128, min_channels=32, fc_width=512, fc_layers=2, seed_side=4,
                 conv_layers=2, leaky_slope=0.2, output_scale=64.0, bn_momentum=0.1, output_side=101):
        super().__init__()
        self.vector = len(code_shape) == 1
        self.channels, self.seed_side, self.output_scale, self.output_side = channels, seed_side, output_scale, output_side
        self.fc_layers = fc_layers
        self.leaky = nn.LeakyReLU(leaky_slope)
        self.hidden = nn.ModuleList()
        if self.vector:
            width = code_shape[0]
            for i in range(1, fc_layers + 1):
                outputs = channels * seed_side * seed_side if i == fc_layers else fc_width
                self.hidden.append(nn.Sequential(nn.Linear(width, outputs), nn.BatchNorm1d(outputs, momentum=bn_momentum)))
                width = outputs
            c, side = channels, seed_side
        else:
            c, side = code_shape[0], code_shape[1]
            for i in range(1, conv_layers + 1):
                self.hidden.append(nn.Sequential(nn.Conv2d(c, channels, 3, padding=1), nn.BatchNorm2d(channels, momentum=bn_momentum)))
                c = channels
        i = 1
        while side < output_side:
            outputs = max(min_channels, channels >> (i - 1))
            self.hidden.append(nn.Sequential(nn.ConvTranspose2d(c, outputs, 4, stride=2, padding=1), nn.BatchNorm2d(outputs, momentum=bn_momentum)))
            c, side, i = outputs, side * 2, i + 1
        self.conv_out = nn.Conv2d(c, 3, 3, padding=1)

    def forward(self, codes):
        x = codes
        for i, layer in enumerate(self.hidden):
            x = self.leaky(layer(x))
            if self.vector and i == self.fc_layers - 1:
                x = x.view(x.size(0), self.channels, self.seed_side, self.seed_side)
        y = self.conv_out(x) * self.output_scale
        if y.size(2) != self.output_side or y.size(3) != self.output_side:
            y = F.interpolate(y, size=[self.output_side, self.output_side], mode="bilinear", align_corners=False)
        return y


def workload_ugn_train(args):
    """Images per second of UgnTrainer's step, default generator, batch 32, fc5 and conv4 codes."""
    rows_out = []
    batch, rows = 32, 256
    for tap, shape in (("fc5", (500,)), ("conv4", (160, 4, 4))):
        torch.manual_seed(1)
        g = UpConvGenerator(shape)
        g.train()
        opt = torch.optim.Adam(g.parameters(), lr=1e-3, betas=(0.9, 0.999), weight_decay=0)
        gen = torch.Generator().manual_seed(1)
        codes = torch.rand((rows,) + shape, generator=gen)
        images = torch.rand(rows, 3, 101, 101, generator=gen) * 255 - 128
        rng = torch.Generator().manual_seed(1)

        def step():
            index = torch.randint(0, rows, (batch,), generator=rng)
            c = codes.index_select(0, index)
            x = images.index_select(0, index)
            loss = F.mse_loss(g(c), x)
            opt.zero_grad(set_to_none=False)
            loss.backward()
            opt.step()
            loss.item()

        s = median_seconds_per_step(step, args.ugn_steps, args.ugn_warmup, args.repeats)
        rows_out.append({"name": f"ugn-train {tap} batch {batch}", "unit": "images/s", "value": batch / s})
    return rows_out


# ---------------------------------------------------------------------------------------------
# 0. torch: the raw ops every workload stands on (src/EssenceOfPose.Cli/Bench/SuiteBench.cs)
# ---------------------------------------------------------------------------------------------

def workload_torch(args):
    """A 1024x1024 float32 matmul, a conv2d (64x64x32x32 input, 128 filters 3x3, padding 1) and
    the per-call cost of adding two 1-element tensors (100,000 calls)."""
    g = torch.Generator().manual_seed(0)
    a, b = torch.rand(1024, 1024, generator=g) * 2 - 1, torch.rand(1024, 1024, generator=g) * 2 - 1
    x, w = torch.rand(64, 64, 32, 32, generator=g) * 2 - 1, torch.rand(128, 64, 3, 3, generator=g) * 2 - 1
    p, q = torch.ones(1), torch.ones(1)
    calls = 100_000

    def adds():
        for _ in range(calls):
            p + q

    mm = median_seconds_per_step(lambda: a.mm(b), 5, 1, args.repeats)
    conv = median_seconds_per_step(lambda: torch.nn.functional.conv2d(x, w, padding=1), 2, 1, args.repeats)
    xl, wl = x.contiguous(memory_format=torch.channels_last), w.contiguous(memory_format=torch.channels_last)
    conv_last = median_seconds_per_step(lambda: torch.nn.functional.conv2d(xl, wl, padding=1), 2, 1, args.repeats)
    add = median_seconds_per_step(adds, 1, 1, args.repeats)
    return [
        {"name": "matmul 1024² f32", "unit": "GFLOP/s", "value": 2.0 * 1024 ** 3 / mm / 1e9},
        {"name": "conv2d 64×64×32×32, 128×3×3", "unit": "GFLOP/s", "value": 2.0 * 64 * 128 * 32 * 32 * 64 * 9 / conv / 1e9},
        {"name": "conv2d, channels-last", "unit": "GFLOP/s", "value": 2.0 * 64 * 128 * 32 * 32 * 64 * 9 / conv_last / 1e9},
        {"name": "add, 1-element tensors", "unit": "µs/call", "value": add / calls * 1e6},
    ]


WORKLOADS = {
    "torch": workload_torch,
    "posenet-train": workload_posenet_train,
    "invert": workload_invert,
    "ugn-train": workload_ugn_train,
}
ALL = ["torch", "posenet-train", "invert", "ugn-train"]


def blas_library():
    """The system BLAS PyTorch links, and for OpenBLAS the kernel set it chose for this CPU: an
    OpenBLAS older than the CPU falls back to its generic Prescott (SSE3) kernels, several times
    slower on matrix products (set OPENBLAS_CORETYPE, e.g. SkylakeX or Cooperlake, to choose)."""
    for path in ("/lib/x86_64-linux-gnu/libblas.so.3", "/usr/lib/x86_64-linux-gnu/libblas.so.3"):
        if os.path.exists(path):
            real = os.path.realpath(path)
            core = openblas_core()
            return f"{real} (OpenBLAS core {core})" if core else real
    return "unknown"


def openblas_core():
    """openblas_get_corename() of the OpenBLAS loaded in this process, or None."""
    import ctypes
    torch.rand(2, 2).mm(torch.rand(2, 2))  # make sure the BLAS is loaded
    try:
        with open("/proc/self/maps") as maps:
            paths = {line.split()[-1] for line in maps if "openblas" in line and line.split()[-1].startswith("/")}
        for lib in sorted(paths):
            name = ctypes.CDLL(lib).openblas_get_corename
            name.restype = ctypes.c_char_p
            return name().decode()
    except (OSError, AttributeError):
        return None
    return None


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--workload", default="all", choices=["all"] + list(WORKLOADS))
    p.add_argument("--threads", type=int, default=os.cpu_count())
    p.add_argument("--repeats", type=int, default=5)
    p.add_argument("--json", metavar="FILE")
    p.add_argument("--train-steps", type=int, default=3, help="timed posenet-train steps per run")
    p.add_argument("--train-warmup", type=int, default=2)
    p.add_argument("--invert-steps-1", type=int, default=50, help="timed invert steps per run, batch 1")
    p.add_argument("--invert-warmup-1", type=int, default=10)
    p.add_argument("--invert-steps-16", type=int, default=8, help="timed invert steps per run, batch 16")
    p.add_argument("--invert-warmup-16", type=int, default=2)
    p.add_argument("--ugn-steps", type=int, default=4, help="timed ugn-train steps per run")
    p.add_argument("--ugn-warmup", type=int, default=2)
    args = p.parse_args(argv)
    if args.threads < 1 or args.repeats < 1:
        p.error("--threads and --repeats must be at least 1")

    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(args.threads)

    names = ALL if args.workload == "all" else [args.workload]
    rows = []
    for name in names:
        try:
            rows.extend(WORKLOADS[name](args))
        except NotImplementedError as e:
            p.error(f"{name}: {e}")

    print(f"torch {torch.__version__}, {args.threads} thread(s), median of {args.repeats} runs, "
          f"{os.cpu_count()} cores, BLAS {blas_library()}")
    print(f"{'workload':<28} {'unit':<8} {'value':>10}")
    for r in rows:
        print(f"{r['name']:<28} {r['unit']:<8} {r['value']:>10.2f}  {r.get('_note', '')}".rstrip())

    if args.json:
        doc = {
            "torch": torch.__version__,
            "threads": args.threads,
            "repeats": args.repeats,
            "blas": blas_library(),
            "rows": [{"name": r["name"], "unit": r["unit"], "value": r["value"]} for r in rows],
        }
        with open(args.json, "w") as f:
            json.dump(doc, f, indent=2)
            f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
