// Normalisation and regularisation of torch.nn.functional: batch_norm, dropout, local_response_norm.
#include "eop.h"

using namespace eop;

// running_mean / running_var may be null (batch statistics only); when given and training,
// they are updated in place with the given momentum, as torch.batch_norm does.
EOP_API eop_tensor eop_nn_batch_norm(eop_tensor input, eop_tensor running_mean, eop_tensor running_var, eop_tensor weight,
                                     eop_tensor bias, int32_t training, double momentum, double eps) {
  return tensor_result([&] {
    return at::batch_norm(T(input), opt(weight), opt(bias), opt(running_mean), opt(running_var), training != 0, momentum,
                          eps, /*cudnn_enabled=*/true);
  });
}

EOP_API eop_tensor eop_nn_dropout(eop_tensor input, double p, int32_t training) {
  return tensor_result([&] { return at::dropout(T(input), p, training != 0); });
}

// torch.nn.functional.local_response_norm, step for step: the squares are averaged over a window of
// `size` channels (zero-padded, size/2 before and (size-1)/2 after), so alpha acts as alpha/size
// on their sum, as in Caffe's ACROSS_CHANNELS LRN: b = a / (k + alpha/size * sum a^2)^beta.
EOP_API eop_tensor eop_nn_local_response_norm(eop_tensor input, int64_t size, double alpha, double beta, double k) {
  return tensor_result([&] {
    const auto& x = T(input);
    const auto d = x.dim();
    TORCH_CHECK(d >= 3, "local_response_norm: expected 3D or higher dimensional input (got ", d, " dimensions)");
    TORCH_CHECK(size > 0, "local_response_norm: size must be positive, got ", size);
    if (x.numel() == 0) return x;
    auto div = x.mul(x).unsqueeze(1);
    if (d == 3) {
      div = at::constant_pad_nd(div, {0, 0, size / 2, (size - 1) / 2});
      div = at::avg_pool2d(div, {size, 1}, /*stride=*/{1, 1}).squeeze(1);
    } else {
      auto sizes = x.sizes().vec();
      div = div.view({sizes[0], 1, sizes[1], sizes[2], -1});
      div = at::constant_pad_nd(div, {0, 0, 0, 0, size / 2, (size - 1) / 2});
      div = at::avg_pool3d(div, {size, 1, 1}, /*stride=*/{1, 1, 1}).squeeze(1);
      div = div.view(sizes);
    }
    div = div.mul(alpha).add(k).pow(beta);
    return x / div;
  });
}
