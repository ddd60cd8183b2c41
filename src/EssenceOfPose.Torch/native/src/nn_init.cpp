// In-place initialisers of torch.nn.init. They run under no_grad, so they apply to parameters
// (leaves that require grad) without recording history; fans and gains are computed by the caller.
#include "eop.h"

using namespace eop;

EOP_API int32_t eop_nn_init_uniform_(eop_tensor t, double from, double to) {
  return status_result([&] {
    at::NoGradGuard guard;
    T(t).uniform_(from, to);
  });
}

EOP_API int32_t eop_nn_init_normal_(eop_tensor t, double mean, double std) {
  return status_result([&] {
    at::NoGradGuard guard;
    T(t).normal_(mean, std);
  });
}

EOP_API int32_t eop_nn_init_constant_(eop_tensor t, double value) {
  return status_result([&] {
    at::NoGradGuard guard;
    T(t).fill_(value);
  });
}
