// Resampling of torch.nn.functional: interpolate, grid_sample, affine_grid, pad.
#include "eop.h"

#include <cmath>

using namespace eop;

namespace {
enum InterpolateMode : int32_t { kNearest = 0, kNearestExact = 1, kBilinear = 2, kBicubic = 3, kArea = 4 };
}

// Resizes the two spatial dims of an (N, C, H, W) input. Exactly one of size / scales is non-null
// (two values each). With scales, the output size is floor(in * scale) and the scales themselves
// drive the coordinate mapping, as F.interpolate with recompute_scale_factor unset.
EOP_API eop_tensor eop_nn_interpolate(eop_tensor input, int32_t mode, const int64_t* size, const double* scales,
                                      int32_t align_corners, int32_t antialias) {
  return tensor_result([&] {
    const auto& x = T(input);
    TORCH_CHECK(x.dim() == 4, "interpolate: expected a 4D (N, C, H, W) input, got ", x.dim(), "D");
    TORCH_CHECK((size == nullptr) != (scales == nullptr), "interpolate: give exactly one of size and scale_factor");
    at::OptionalIntArrayRef out_size = size ? at::OptionalIntArrayRef(dims(size, 2)) : c10::nullopt;
    c10::optional<at::ArrayRef<double>> factors =
        scales ? c10::optional<at::ArrayRef<double>>(at::ArrayRef<double>(scales, 2)) : c10::nullopt;
    const bool corners = align_corners != 0;
    switch (mode) {
      case kNearest:
        return at::upsample_nearest2d(x, out_size, factors);
      case kNearestExact:
        return at::_upsample_nearest_exact2d(x, out_size, factors);
      case kBilinear:
        return antialias ? at::_upsample_bilinear2d_aa(x, out_size, corners, factors)
                         : at::upsample_bilinear2d(x, out_size, corners, factors);
      case kBicubic:
        return antialias ? at::_upsample_bicubic2d_aa(x, out_size, corners, factors)
                         : at::upsample_bicubic2d(x, out_size, corners, factors);
      case kArea: {
        std::vector<int64_t> s(2);
        for (int i = 0; i < 2; ++i)
          s[i] = size ? size[i] : static_cast<int64_t>(std::floor(static_cast<double>(x.size(i + 2)) * scales[i]));
        return at::adaptive_avg_pool2d(x, s);
      }
      default:
        TORCH_CHECK(false, "interpolate: unknown mode code ", mode);
    }
  });
}

// interpolation: 0 bilinear, 1 nearest, 2 bicubic; padding: 0 zeros, 1 border, 2 reflection (GridSampler's enums).
EOP_API eop_tensor eop_nn_grid_sample(eop_tensor input, eop_tensor grid, int32_t interpolation, int32_t padding,
                                      int32_t align_corners) {
  return tensor_result([&] { return at::grid_sampler(T(input), T(grid), interpolation, padding, align_corners != 0); });
}

EOP_API eop_tensor eop_nn_affine_grid(eop_tensor theta, const int64_t* size, int32_t ndim, int32_t align_corners) {
  return tensor_result([&] { return at::affine_grid_generator(T(theta), dims(size, ndim), align_corners != 0); });
}

// mode: "constant", "reflect", "replicate" or "circular"; value is used by "constant" only.
EOP_API eop_tensor eop_nn_pad(eop_tensor input, const int64_t* pad, int32_t npad, const char* mode, double value) {
  return tensor_result([&] {
    const c10::string_view m(mode);
    return at::pad(T(input), dims(pad, npad), m, m == "constant" ? c10::optional<double>(value) : c10::nullopt);
  });
}
