// Losses of torch.nn.functional. `reduction` is at::Reduction's number: 0 none, 1 mean, 2 sum.
#include "eop.h"

using namespace eop;

EOP_API eop_tensor eop_nn_cross_entropy(eop_tensor input, eop_tensor target, eop_tensor weight, int64_t ignore_index,
                                        int64_t reduction, double label_smoothing) {
  return tensor_result([&] {
    return at::cross_entropy_loss(T(input), T(target), opt(weight), reduction, ignore_index, label_smoothing);
  });
}

// nll_loss_nd accepts (N, C), (C) and (N, C, d1, ...) inputs, as torch.nn.functional.nll_loss does.
EOP_API eop_tensor eop_nn_nll_loss(eop_tensor input, eop_tensor target, eop_tensor weight, int64_t ignore_index,
                                   int64_t reduction) {
  return tensor_result([&] { return at::nll_loss_nd(T(input), T(target), opt(weight), reduction, ignore_index); });
}

EOP_API eop_tensor eop_nn_mse_loss(eop_tensor input, eop_tensor target, int64_t reduction) {
  return tensor_result([&] { return at::mse_loss(T(input), T(target), reduction); });
}

EOP_API eop_tensor eop_nn_l1_loss(eop_tensor input, eop_tensor target, int64_t reduction) {
  return tensor_result([&] { return at::l1_loss(T(input), T(target), reduction); });
}

// beta == 0 is exactly l1_loss (torch.nn.functional.smooth_l1_loss routes it there too).
EOP_API eop_tensor eop_nn_smooth_l1_loss(eop_tensor input, eop_tensor target, int64_t reduction, double beta) {
  return tensor_result([&] {
    if (beta == 0.0) return at::l1_loss(T(input), T(target), reduction);
    return at::smooth_l1_loss(T(input), T(target), reduction, beta);
  });
}

EOP_API eop_tensor eop_nn_binary_cross_entropy_with_logits(eop_tensor input, eop_tensor target, eop_tensor weight,
                                                           eop_tensor pos_weight, int64_t reduction) {
  return tensor_result([&] {
    return at::binary_cross_entropy_with_logits(T(input), T(target), opt(weight), opt(pos_weight), reduction);
  });
}
